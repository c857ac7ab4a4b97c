using System.Net;

namespace FaceFlash.Web;

/// <summary>Where the control room listens: <c>[HOST:]PORT</c>, 127.0.0.1 unless another address is given.</summary>
public sealed record ServeEndpoint(IPAddress Address, int Port)
{
    /// <summary>Anything but the loopback interface can be reached from other machines: such a binding needs the token.</summary>
    public bool IsLocal => IPAddress.IsLoopback(Address);

    /// <summary>Parses <c>8080</c>, <c>127.0.0.1:8080</c>, <c>0.0.0.0:8080</c> or <c>[::]:8080</c>; null when it is none of them.</summary>
    public static ServeEndpoint? Parse(string text)
    {
        if (int.TryParse(text, out var bare)) return Valid(IPAddress.Loopback, bare);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port)) return null;
        var host = text[..colon].Trim('[', ']');
        if (host == "localhost") return Valid(IPAddress.Loopback, port);
        return IPAddress.TryParse(host, out var address) ? Valid(address, port) : null;
    }

    private static ServeEndpoint? Valid(IPAddress address, int port) => port is > 0 and < 65536 ? new ServeEndpoint(address, port) : null;
}
