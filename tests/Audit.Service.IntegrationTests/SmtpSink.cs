using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Audit.Service.IntegrationTests;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message and keeps it, with the envelope recipients
/// (where Bcc addresses show up), so a test can read what the service sent, attachments included.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(IReadOnlyList<string> Recipients, MimeMessage Message)> _received = [];

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<(IReadOnlyList<string> Recipients, MimeMessage Message)> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-sink");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO":
                case "MAIL":
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                    }

                    var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                    lock (_received)
                    {
                        _received.Add((recipients.ToList(), message));
                    }

                    recipients.Clear();
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
