using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// Commands of one connection kept prepared by their text, for the writer's connection: compiling a statement anew for
/// every write cost as much as running it. Only for a connection one thread uses at a time.
/// </summary>
internal sealed class PreparedStatements : IDisposable
{
    // The texts are the stores' constants, a few dozen; the bound only guards against a caller building texts.
    private const int Capacity = 512;

    private static readonly ConditionalWeakTable<SqliteConnection, PreparedStatements> Registered = [];

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private PreparedStatements(SqliteConnection connection) => _connection = connection;

    /// <summary>Keeps statements prepared for <paramref name="connection"/>, which <see cref="Sql.Execute"/> then uses.</summary>
    public static PreparedStatements KeepFor(SqliteConnection connection)
    {
        var statements = new PreparedStatements(connection);
        Registered.AddOrUpdate(connection, statements);
        return statements;
    }

    /// <summary>The statements kept for <paramref name="connection"/>, if it is one that keeps them.</summary>
    public static PreparedStatements? Of(SqliteConnection connection) => Registered.TryGetValue(connection, out var statements) ? statements : null;

    /// <summary>The command for <paramref name="text"/> in <paramref name="transaction"/>, its parameters cleared for binding.</summary>
    public SqliteCommand Get(string text, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                Clear();
            }

            command = _connection.CreateCommand();
            command.CommandText = text;
            _commands[text] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        Registered.Remove(_connection);
        Clear();
    }

    private void Clear()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
