using Dure.Homes;

namespace Dure.Understanding;

/// <summary>What the parser knows besides the words.</summary>
/// <param name="Home">The speaking device's home: its names resolve slots.</param>
/// <param name="AreaId">The speaking device's room, the area when none is said.</param>
/// <param name="Language">"ko" or "en"; null detects it from the text.</param>
/// <param name="Now">The current instant, for dates and times; null means the system clock.</param>
public sealed record ParseContext(Home Home, string? AreaId = null, string? Language = null, DateTimeOffset? Now = null);
