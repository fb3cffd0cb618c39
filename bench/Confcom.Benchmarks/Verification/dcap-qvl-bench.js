// Times @phala/dcap-qvl (the JS build of dcap-qvl) on the same sample the verifier suite uses.
// Usage: node dcap-qvl-bench.js QUOTES_DIR SECONDS  (with @phala/dcap-qvl resolvable via NODE_PATH)
// Prints one JSON line: {"perSecond":..., "usPerOp":..., "status":"..."}. dcap-qvl keeps no cache, so every
// call is a full (cold) verification.
const { verify } = require('@phala/dcap-qvl');
const fs = require('fs');
const dir = process.argv[2];
const seconds = Number(process.argv[3] || 2);
const quote = fs.readFileSync(dir + '/sgx_quote');
const collateral = JSON.parse(fs.readFileSync(dir + '/sgx_quote_collateral.json', 'utf8'));
const at = 1752919277;
const first = verify(quote, collateral, at);
let n = 0;
const start = process.hrtime.bigint();
while (Number(process.hrtime.bigint() - start) / 1e9 < seconds) {
  for (let i = 0; i < 5; i++) verify(quote, collateral, at);
  n += 5;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ perSecond: n / elapsed, usPerOp: elapsed * 1e6 / n, status: first.status }));
