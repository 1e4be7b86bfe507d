using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net;
using System.Text.Json;
using Dure.Server.Tests.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Dure.Server.Tests.Skills;

/// <summary>A tool call as the partner's MCP server received it: the tool, its raw arguments and the <c>_meta</c> Dure sent.</summary>
public sealed record ReceivedToolCall(string Tool, IReadOnlyDictionary<string, JsonElement> Arguments, string? Language, string? HomeId);

/// <summary>
/// A partner's MCP server (a hotel spa) on the official SDK's ASP.NET Core transport, stateless Streamable HTTP on a
/// loopback port, that wants a bearer token. It keeps every tool call it gets.
/// </summary>
public sealed class PartnerMcpServer : IAsyncDisposable
{
    public const string Token = "spa-partner-token-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedToolCall> _calls;

    private PartnerMcpServer(WebApplication app, int port, ConcurrentQueue<ReceivedToolCall> calls)
    {
        _app = app;
        _calls = calls;
        Url = $"http://127.0.0.1:{port}/mcp";
    }

    public string Url { get; }

    private int _unauthorized;

    /// <summary>Requests refused for a missing or wrong token.</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public static async Task<PartnerMcpServer> StartAsync()
    {
        var port = Dure.Testing.ServerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var calls = new ConcurrentQueue<ReceivedToolCall>();
        builder.Services.AddSingleton(calls);
        builder.Services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "grand-spa", Version = "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<SpaTools>();
        var app = builder.Build();
        var server = new PartnerMcpServer(app, port, calls);

        app.Use(async (http, next) =>
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                Interlocked.Increment(ref server._unauthorized);
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(http);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        return server;
    }

    /// <summary>The calls received since <paramref name="count"/> had been.</summary>
    public List<ReceivedToolCall> Since(int count) => [.. _calls.Skip(count)];

    public int Count => _calls.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The spa's tools: booking (typed arguments), cancelling (destructive), a sauna that is too slow, a chair that fails.</summary>
[McpServerToolType]
public sealed class SpaTools(ConcurrentQueue<ReceivedToolCall> calls)
{
    [McpServerTool(Name = "book_spa", Title = "Book the spa"), Description("Books a spa treatment for a number of people at a time.")]
    public string BookSpa(RequestContext<CallToolRequestParams> context, [Description("How many people")] int people,
        [Description("When, as said")] string time)
    {
        var language = Keep(context);
        return language == "ko" ? $"스파를 {people}명, {time}에 예약했어요." : $"Booked the spa for {people} at {time}.";
    }

    [McpServerTool(Name = "cancel_spa_booking", Title = "Cancel the spa booking", Destructive = true), Description("Cancels the spa booking.")]
    public string CancelSpaBooking(RequestContext<CallToolRequestParams> context) =>
        Keep(context) == "ko" ? "스파 예약을 취소했어요." : "Cancelled your spa booking.";

    [McpServerTool(Name = "book_sauna", Title = "Book the sauna"), Description("Books the sauna.")]
    public async Task<string> BookSauna(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        Keep(context);
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        return "사우나를 예약했어요.";
    }

    [McpServerTool(Name = "reserve_massage_chair", Title = "Reserve the massage chair"), Description("Reserves the massage chair.")]
    public string ReserveMassageChair(RequestContext<CallToolRequestParams> context)
    {
        Keep(context);
        throw new InvalidOperationException("the chair is broken");
    }

    private string? Keep(RequestContext<CallToolRequestParams> context)
    {
        var meta = context.Params?.Meta;
        var language = meta?["dure/lang"]?.GetValue<string>();
        calls.Enqueue(new ReceivedToolCall(context.Params!.Name,
            context.Params.Arguments?.ToDictionary(a => a.Key, a => a.Value.Clone(), StringComparer.Ordinal) ?? [],
            language, meta?["dure/homeId"]?.GetValue<string>()));
        return language;
    }
}

/// <summary>
/// A real Dure server (tenants acme and rival, plain http allowed on loopback) and <see cref="PartnerMcpServer"/>; acme
/// registers the spa skill on it through the partner API and enables it in the site of <see cref="Enabled"/>.
/// </summary>
public sealed class McpSkillLab : PartnerLab
{
    public const string SkillId = "grand-spa";

    public PartnerMcpServer Spa { get; private set; } = null!;

    internal TestSite Enabled { get; private set; } = null!;

    internal TestSite RivalHome { get; private set; } = null!;

    /// <summary>The skill as its create answered.</summary>
    public JsonElement Created { get; private set; }

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__Skills__AllowInsecureLoopback"] = "true",
    };

    public static object Definition(string url, string? token = PartnerMcpServer.Token, string id = SkillId) => new
    {
        id,
        name = "그랜드 스파",
        invocationNames = new { ko = new[] { "그랜드스파" }, en = new[] { "Grand Spa" } },
        interactionModel = new
        {
            intents = new object[]
            {
                new
                {
                    name = "book_spa",
                    samples = new
                    {
                        ko = new[]
                        {
                            "[time : 3시]에 스파 [people : 2]명 예약해줘", "스파 [people : 4]명 [time : 오후 5시]로 예약해 줘",
                            "[time : 내일 아침]에 스파 [people : 세] 명 잡아줘", "[people : 2]명 [time : 7시]에 스파 예약",
                        },
                        en = new[]
                        {
                            "book the spa for [people : 2] people at [time : 3 pm]", "reserve the spa for [people : four] at [time : noon]",
                            "spa for [people : 3] at [time : 6 pm] please",
                        },
                    },
                },
                new
                {
                    name = "cancel_spa_booking",
                    samples = new { ko = new[] { "스파 예약 취소해줘", "스파 예약 취소하고 싶어" }, en = new[] { "cancel my spa booking", "cancel the spa" } },
                },
                new { name = "book_sauna", samples = new { ko = new[] { "사우나 예약해줘", "사우나 잡아줘" }, en = new[] { "book the sauna" } } },
                // No English samples: the tool's title and description are.
                new { name = "reserve_massage_chair", samples = new { ko = new[] { "안마 의자 예약해줘", "안마 의자 쓰고 싶어" } } },
            },
        },
        backend = new { kind = "mcp", url, token },
    };

    public override async ValueTask InitializeAsync()
    {
        Spa = await PartnerMcpServer.StartAsync();
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        Enabled = await NewHomeAsync(ct);
        RivalHome = await NewHomeAsync(ct, RivalAdminKey);
        using var admin = AcmeAdmin();
        Created = await admin.PostAsync("/v1/skills", Definition(Spa.Url), ct);
        await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{Enabled.SiteId}/skills/{SkillId}", null, ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await admin.GetAsync($"/v1/skills/{SkillId}", ct)).GetProperty("model").GetProperty("status").GetString() != "ready")
        {
            Assert.True(DateTime.UtcNow < deadline, "the spa skill's model did not train");
            await Task.Delay(100, ct);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Spa.DisposeAsync();
    }
}
