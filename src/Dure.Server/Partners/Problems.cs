using Microsoft.AspNetCore.Http;

namespace Dure.Server.Partners;

/// <summary>
/// The partner API's errors: RFC 9457 problem+json with a stable <c>code</c> a program can switch on, and a
/// <c>detail</c> sentence for people.
/// </summary>
public static class Problems
{
    public static IResult Result(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: Title(status), extensions: new Dictionary<string, object?> { ["code"] = code });

    public static Task Write(HttpContext context, int status, string code, string detail) => Result(status, code, detail).ExecuteAsync(context);

    public static IResult NotFound(string what) => Result(StatusCodes.Status404NotFound, "not_found", $"{what} does not exist");

    public static IResult Invalid(string detail) => Result(StatusCodes.Status400BadRequest, "invalid_request", detail);

    public static IResult Conflict(string detail) => Result(StatusCodes.Status409Conflict, "conflict", detail);

    /// <summary>The stable code for a status when nothing more specific was said (binding failures, unknown routes).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        >= 500 => "internal_error",
        _ => "error",
    };

    public static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "the request is malformed: check that the body is valid JSON of the documented shape",
        StatusCodes.Status404NotFound => "there is nothing at this address",
        StatusCodes.Status405MethodNotAllowed => "this address does not take this method",
        StatusCodes.Status415UnsupportedMediaType => "send the body as application/json",
        _ => "the request could not be answered",
    };

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Content",
        StatusCodes.Status429TooManyRequests => "Too Many Requests",
        _ => "Error",
    };
}
