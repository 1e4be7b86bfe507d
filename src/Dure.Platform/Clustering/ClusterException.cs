namespace Dure.Platform.Clustering;

/// <summary>Cluster mode cannot start: a setting is wrong or PostgreSQL stayed unreachable. The message says which.</summary>
public sealed class ClusterException(string message, Exception? inner = null) : Exception(message, inner);
