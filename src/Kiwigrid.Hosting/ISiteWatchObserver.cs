using Kiwigrid.Client.Watch;

namespace Kiwigrid.Hosting;

/// <summary>Who hears what <see cref="SiteWatch"/> does: a log in a service, the console in <c>kiwigrid serve</c>.</summary>
internal interface ISiteWatchObserver
{
    /// <summary>One event of the watch, after the feed and MQTT have it; false ends the watch.</summary>
    bool OnEvent(DeviceWatchEvent watchEvent, DeviceWatchOptions options);

    /// <summary>A line about today's chart: how much history was filled in, or why none.</summary>
    void Note(string line);
}
