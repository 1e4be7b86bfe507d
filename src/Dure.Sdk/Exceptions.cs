namespace Dure.Sdk;

/// <summary>The server rejected the device token (HTTP 401).</summary>
public sealed class DureAuthenticationException : Exception
{
    public DureAuthenticationException() : base("the server rejected the device token") { }

    public DureAuthenticationException(string message) : base(message) { }

    public DureAuthenticationException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The server answered an event with <c>System.Error</c>; <see cref="Code"/> is one of <c>Dure.Protocol.ErrorCodes</c>.</summary>
public sealed class DureErrorException : Exception
{
    public DureErrorException() : this("internal_error", "unknown error") { }

    public DureErrorException(string message) : this("internal_error", message) { }

    public DureErrorException(string message, Exception inner) : base(message, inner) => Code = "internal_error";

    public DureErrorException(string code, string message) : base($"{code}: {message}") => Code = code;

    public string Code { get; }

    /// <summary>With <c>rate_limited</c>: how long to wait before sending the event again.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The connection is closed for good: disposed, replaced by a newer connection, or reconnecting is off.</summary>
public sealed class DureConnectionClosedException : Exception
{
    public DureConnectionClosedException() : base("the device connection is closed") { }

    public DureConnectionClosedException(string message) : base(message) { }

    public DureConnectionClosedException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Several devices of the home heard the same words and another one answers them (<c>System.Arbitrated</c>):
/// this device should stay quiet. <see cref="AnsweredBy"/> is the answering device.
/// </summary>
public sealed class DureArbitratedException : Exception
{
    public DureArbitratedException() : this("another device") { }

    public DureArbitratedException(string answeredBy) : base($"another device of the home answers: {answeredBy}") => AnsweredBy = answeredBy;

    public DureArbitratedException(string message, Exception inner) : base(message, inner) => AnsweredBy = "";

    public string AnsweredBy { get; }
}
