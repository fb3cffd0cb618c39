#!/bin/sh
# Runs inside the sample Job: get a quote as an enclave app would (SGX_AESM_ADDR is set, so out of process via
# /var/run/aesmd/aesm.socket), fetch its collateral from a PCS-compatible service, and verify the quote.
set -eu

: "${SGX_AESM_ADDR?SGX_AESM_ADDR must be set (any value) so the quote comes from the node's quote helper}"
: "${CONFCOM_PCS_URL?CONFCOM_PCS_URL must name the PCS-compatible collateral service}"
state_dir="${CONFCOM_SIM_STATE_DIR:-/var/lib/confcom/sim}"
# 32 bytes of report data: in a real app, a hash of the public key or nonce to bind to the quote.
report_data="${REPORT_DATA:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

echo "attest: getting a quote for report_data ${report_data}"
/app/confcom quote --report-data "${report_data}" --out /tmp/quote.bin --state-dir "${state_dir}" --json

echo "attest: fetching collateral from ${CONFCOM_PCS_URL}"
/app/confcom collateral fetch /tmp/quote.bin --pcs "${CONFCOM_PCS_URL}" --out /tmp/collateral.json

echo "attest: verifying the quote"
if [ -n "${CONFCOM_TRUSTED_ROOT:-}" ]; then
  exec /app/confcom verify /tmp/quote.bin --collateral /tmp/collateral.json --trusted-root "${CONFCOM_TRUSTED_ROOT}" --json
fi
exec /app/confcom verify /tmp/quote.bin --collateral /tmp/collateral.json --json
