namespace Confcom.Aesm.Client;

/// <summary>How an AESM call failed below the level of AESM error codes.</summary>
public enum AesmTransportFailure
{
    /// <summary>The socket does not exist or nothing accepts on it (Intel's client: SGX_ERROR_SERVICE_UNAVAILABLE).</summary>
    NotReachable,

    /// <summary>No complete reply within the call timeout (Intel's client: SGX_ERROR_SERVICE_TIMEOUT).</summary>
    Timeout,

    /// <summary>The service closed the connection without replying (aesmd does so for requests it does not recognise).</summary>
    ClosedWithoutReply,

    /// <summary>A reply arrived but is not a protobuf Response with the sub-message that answers the request.</summary>
    MalformedReply,
}
