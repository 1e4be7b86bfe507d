using System.Text;
using Dure.HomeNetworks.WallPad;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>The worked examples of docs/home-networks.md ("Signatures") are what Dure computes and accepts.</summary>
public sealed class WallPadSignatureTests
{
    private const string Secret = "dure_ws_3q2-7wOHfSaVnV0eUgZ7mYbXk1pL4aRt";
    private const long Timestamp = 1795565523;

    private const string Event =
        """{"requestId":"evt-20261125-000123","type":"event","homeId":"101-1203","event":{"type":"elevator.arrived","data":{"floor":7},"at":"2026-11-25T09:12:03+09:00"}}""";

    private const string Control =
        """{"requestId":"0193a5b0d9e07a1b2c3d4e5f60718293","homeId":"101-1203","device":"light.living_room","domain":"light","action":"turn_on","params":{"brightness":80}}""";

    [Theory]
    [InlineData(Event, "7fd33224d17307fbe6dc511c6b754e94b91841b2023e20db32c406aa253b9f83")]
    [InlineData(Control, "f90a4e5da99d2c7a5df1d26591abbaacbf3eebb5311163a3fb73cdedb4a41595")]
    public void The_documented_examples_sign_and_verify(string body, string mac)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.Equal($"t={Timestamp},v1={mac}", WallPadSignature.Sign(Secret, Timestamp, bytes));
        Assert.Equal($"t={Timestamp},v1={mac}", VendorServer.Sign(Secret, Timestamp, body)); // the vendor's own implementation
        Assert.True(WallPadSignature.Verify(Secret, Timestamp, bytes, mac));
        Assert.False(WallPadSignature.Verify(Secret, Timestamp + 1, bytes, mac));
        Assert.False(WallPadSignature.Verify(Secret, Timestamp, Encoding.UTF8.GetBytes(body.Replace(" ", "", StringComparison.Ordinal) + " "), mac));
    }

    [Fact]
    public void A_header_during_a_rotation_carries_both_signatures_in_any_order()
    {
        var mac = new string('a', 64);
        Assert.True(WallPadSignature.TryParse($"v1={mac}, t={Timestamp}, v1={new string('b', 64)}", out var timestamp, out var signatures));
        Assert.Equal(Timestamp, timestamp);
        Assert.Equal([mac, new string('b', 64)], signatures);
        Assert.False(WallPadSignature.TryParse($"t={Timestamp}", out _, out _));
        Assert.False(WallPadSignature.TryParse($"t=-5,v1={mac}", out _, out _));
        Assert.False(WallPadSignature.TryParse("sha256=abc", out _, out _));
    }
}
