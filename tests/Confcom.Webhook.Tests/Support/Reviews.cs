namespace Confcom.Webhook.Tests.Support;

/// <summary>AdmissionReview bodies as the API server sends them for a pod CREATE, with the parts a test varies.</summary>
public static class Reviews
{
    public const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    public static string Pod(string? apiVersion = "admission.k8s.io/v1", string? kind = "AdmissionReview", string quantity = "\"10\"",
        string? extraRequestField = null, string objectKind = "Pod", int annotationBytes = 0)
    {
        var envelope = (apiVersion is null ? "" : $"\"apiVersion\":\"{apiVersion}\",") + (kind is null ? "" : $"\"kind\":\"{kind}\",");
        var request = extraRequestField ?? "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"operation\":\"CREATE\"";
        if (extraRequestField is not null && !extraRequestField.Contains("\"kind\"", StringComparison.Ordinal))
        {
            request = "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}," + extraRequestField;
        }
        else if (extraRequestField is not null)
        {
            request = extraRequestField + ",\"operation\":\"CREATE\"";
        }
        var annotations = annotationBytes > 0 ? $",\"annotations\":{{\"big\":\"{new string('x', annotationBytes)}\"}}" : "";
        return "{" + envelope +
            $"\"request\":{{\"uid\":\"{Uid}\",{request},\"namespace\":\"default\",\"name\":\"attest\"," +
            $"\"object\":{{\"apiVersion\":\"v1\",\"kind\":\"{objectKind}\",\"metadata\":{{\"name\":\"attest\"{annotations}}}," +
            $"\"spec\":{{\"containers\":[{{\"name\":\"app\",\"image\":\"a\",\"resources\":{{\"limits\":{{\"kubernetes.azure.com/sgx_epc_mem_in_MiB\":{quantity}}}}}}}]}}}}}}}}";
    }
}
