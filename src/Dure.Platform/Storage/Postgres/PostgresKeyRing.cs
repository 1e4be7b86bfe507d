using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Dure.Platform.Storage.Postgres;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table <c>data_protection_keys</c>), so that every silo decrypts the skill
/// secrets, alliance tokens and home-network secrets another silo encrypted. <see cref="IXmlRepository"/> is synchronous, so
/// are these calls; Data Protection reads the ring rarely (at start and when keys roll) and caches it.
/// </summary>
public sealed class PostgresKeyRing(string connectionString, TimeProvider time) : IXmlRepository
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = PostgresSchema.Name }.ConnectionString;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY created, name", connection);
        using var reader = command.ExecuteReader();
        List<XElement> elements = [];
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "INSERT INTO data_protection_keys (name, xml, created) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.Parameters.AddWithValue("now", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
