{{- define "confcom.tag" -}}
{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "confcom.image" -}}
{{ .Values.image.repository }}:{{ include "confcom.tag" . }}
{{- end -}}

{{/* The quote helper runs the hardware variant unless it only ever simulates. */}}
{{- define "confcom.quoteHelperImage" -}}
{{- if or .Values.simulation.enabled (eq .Values.quoteHelper.backend "simulated") -}}
{{ include "confcom.image" . }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.hardwareTag | default (printf "%s-hw" (include "confcom.tag" .)) }}
{{- end -}}
{{- end -}}

{{- define "confcom.labels" -}}
app.kubernetes.io/name: confcom
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* Resources the device plugin serves: the configured list, plus the quote helper's qe resource when it runs. */}}
{{- define "confcom.devicePluginResources" -}}
{{- $resources := splitList "," (.Values.devicePlugin.resources | nospace) | compact -}}
{{- if and .Values.quoteHelper.enabled (not (has "sgx.intel.com/qe" $resources)) -}}
{{- $resources = append $resources "sgx.intel.com/qe" -}}
{{- end -}}
{{ join "," $resources }}
{{- end -}}

{{- define "confcom.simRootSecret" -}}
{{ .Values.simulation.root.existingSecret | default (printf "%s-sim-root" .Release.Name) }}
{{- end -}}

{{- define "confcom.pcsUrl" -}}
{{- if .Values.simulation.enabled -}}
http://{{ .Release.Name }}-pcs.{{ .Release.Namespace }}.svc:{{ .Values.simulation.pcs.port }}
{{- else -}}
{{ .Values.attestationTest.pcsUrl }}
{{- end -}}
{{- end -}}

{{/* Node placement of the DaemonSets: Linux x86-64, SGX nodes (unless simulating on any node), the SGX taint. */}}
{{- define "confcom.nodePlacement" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .Values.sgxNodeSelectorTerms }}
affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        {{- toYaml .Values.sgxNodeSelectorTerms | nindent 8 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod-level hardening shared by every pod of the chart. */}}
{{- define "confcom.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{/* Container hardening; the user is set by each container (some daemons must be uid 0, and say why). */}}
{{- define "confcom.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
