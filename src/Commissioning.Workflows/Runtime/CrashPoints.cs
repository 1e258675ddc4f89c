using System.Diagnostics;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// Named points at which the process can be made to die outright, as it would in a power cut, so that tests can prove
/// a crash there loses nothing and delivers nothing twice. Off unless one is armed (the host arms one from the
/// setting <c>Testing:CrashAt</c>, which it refuses in Production); reaching an armed point kills the process with no
/// clean-up at all.
/// </summary>
public static class CrashPoints
{
    /// <summary>In the engine: an event's delivery has made its transition but not committed it.</summary>
    public const string BeforeEventDeliveryCommitted = "before-event-delivery-committed";

    private static string? _armed;

    public static string? Armed => _armed;

    public static void Arm(string? name) => _armed = string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    public static void Reach(string name)
    {
        if (_armed is not null && string.Equals(_armed, name, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"Crash point '{name}' reached: killing the process.");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }
}
