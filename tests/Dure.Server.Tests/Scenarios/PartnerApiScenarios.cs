using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The partner API's guard rails through the real server (docs/partner-api.md): a key is required and must be valid,
/// bad requests are 400 with a sentence, what another tenant owns or nothing owns is 404 — always problem+json with a
/// stable <c>code</c>. The happy paths are in HotelScenarios (tickets) and ApartmentScenarios (notices).
/// </summary>
public sealed class PartnerApiScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_or_wrong_key_is_401_with_a_bearer_challenge()
    {
        using var anonymous = new HttpClient { BaseAddress = Lab.BaseUrl };
        using var missing = await anonymous.GetAsync("/v1/tickets", Ct);
        var problem = await ProblemJson.AssertAsync(missing, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", Assert.Single(missing.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dure_pk_not-a-key");
        using var wrong = await anonymous.PostAsync($"/v1/homes/{ScenarioHomes.Apartment}/notices",
            new StringContent("""{"title":"x","lang":"ko"}""", Encoding.UTF8, "application/json"), Ct);
        await ProblemJson.AssertAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Bad_ticket_queries_are_400_and_unknown_tickets_404()
    {
        using var desk = Lab.Partner(ScenarioHomes.HotelTenant);
        foreach (var query in new[] { "?status=lost", "?status=open,nope", "?limit=0", "?limit=501" })
        {
            using var response = await desk.GetAsync($"/v1/tickets{query}", Ct);
            await ProblemJson.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }

        foreach (var action in new[] { "accept", "complete" })
        {
            using var response = await desk.PostAsync($"/v1/tickets/tk_nothing/{action}", null, Ct);
            await ProblemJson.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
        }
    }

    [Fact]
    public async Task Bad_notices_are_400_and_homes_of_no_one_or_another_tenant_are_404()
    {
        using var office = Lab.Partner(ScenarioHomes.ApartmentTenant);
        foreach (var body in new[]
        {
            "not json", """{"body":"no title","lang":"ko"}""", """{"title":"","lang":"ko"}""", """{"title":"점검","lang":"fr"}""",
            $$"""{"title":"{{new string('가', 201)}}","lang":"ko"}""", """["title","lang"]""",
        })
        {
            using var response = await office.PostAsync($"/v1/homes/{ScenarioHomes.Apartment}/notices",
                new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            await ProblemJson.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        }

        using var since = await office.GetAsync($"/v1/homes/{ScenarioHomes.Apartment}/notices?since=yesterday", Ct);
        await ProblemJson.AssertAsync(since, HttpStatusCode.BadRequest, "invalid_request");

        foreach (var home in new[] { "no-such-home", ScenarioHomes.Hotel })
        {
            using var response = await office.PostAsync($"/v1/homes/{home}/notices",
                new StringContent("""{"title":"점검","body":"","lang":"ko"}""", Encoding.UTF8, "application/json"), Ct);
            await ProblemJson.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
        }
    }
}
