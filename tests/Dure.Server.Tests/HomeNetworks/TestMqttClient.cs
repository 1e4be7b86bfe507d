using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>The test's side of the broker: a device network that announces devices, reports states and receives commands.</summary>
internal sealed class TestMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<(string Topic, string Payload)> _received = Channel.CreateUnbounded<(string, string)>();
    private readonly MqttClientOptions _options;
    private readonly List<string> _subscriptions = [];

    private TestMqttClient(MqttClientOptions options)
    {
        _options = options;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects with a persistent session, so that commands published while it is away are kept for it by the broker.</summary>
    public static async Task<TestMqttClient> ConnectAsync(Dure.Testing.MosquittoProcess broker, CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithCredentials(broker.Username, broker.Password)
            .WithClientId("test-network-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(false)
            .WithSessionExpiryInterval(3600) // MQTT 5: without it the session would end at the disconnection
            .Build();
        var client = new TestMqttClient(options);
        await client._client.ConnectAsync(options, cancellationToken);
        return client;
    }

    public async Task SubscribeAsync(string topic, CancellationToken cancellationToken)
    {
        _subscriptions.Add(topic);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
    }

    /// <summary>Connects again after the broker restarted; the persistent session brings back subscriptions and what was queued.</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_options, cancellationToken);
                }

                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public Task PublishAsync(string topic, string payload, CancellationToken cancellationToken, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);

    /// <summary>The next message on <paramref name="topic"/>; others are skipped.</summary>
    public async Task<string> ReceiveAsync(string topic, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var (received, payload) = await _received.Reader.ReadAsync(limit.Token);
                if (received == topic)
                {
                    return payload;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing arrived on {topic}");
        }
    }

    /// <summary>Every message that arrives within <paramref name="window"/>.</summary>
    public async Task<List<(string Topic, string Payload)>> DrainAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        List<(string, string)> messages = [];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(window);
        try
        {
            while (true)
            {
                messages.Add(await _received.Reader.ReadAsync(limit.Token));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return messages;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }

        _client.Dispose();
    }
}
