using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;

namespace Dure.Server.Devices;

/// <summary>The open device sessions, so that shutdown can close each with "going away" before the silo stops.</summary>
public sealed class DeviceSessions
{
    private readonly ConcurrentDictionary<DeviceSession, byte> _open = new();

    public DeviceSessions(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var session in _open.Keys)
            {
                session.Close(WebSocketCloseStatus.EndpointUnavailable, "going away");
            }
        });

    public IDisposable Add(DeviceSession session)
    {
        _open[session] = 0;
        return new Registration(() => _open.TryRemove(session, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
