import Foundation
import MLPDomain
import MariaDB

/// Models in the `models` table, one row per name and version.
public struct MariaDBModelRepository: ModelRepository {
    let connection: Connection

    /// Works on `connection`, normally the one holding the unit of work's transaction.
    public init(connection: Connection) {
        self.connection = connection
    }

    public func upsert(_ model: ModelDescriptor, at date: Date) throws -> ModelReference {
        if model.isDefault {
            try connection.execute("UPDATE models SET is_default = FALSE WHERE is_default = TRUE AND NOT (name = \(model.name) AND version = \(model.version))")
        }
        try connection.execute("""
            INSERT INTO models (name, version, sha256, task, created_at, is_default)
            VALUES (\(model.name), \(model.version), \(model.sha256), \(model.task), \(date), \(model.isDefault))
            ON DUPLICATE KEY UPDATE sha256 = VALUES(sha256), task = VALUES(task), is_default = VALUES(is_default)
            """)
        guard let reference = try find(name: model.name, version: model.version) else {
            throw DomainError(.unavailable, "The model row could not be read back.")
        }
        return reference
    }

    public func find(name: String, version: String) throws -> ModelReference? {
        try connection.query("SELECT id, name, version FROM models WHERE name = \(name) AND version = \(version)").first.map { row in
            ModelReference(
                id: try row.decode(Int64.self, "id"), name: try row.decode(String.self, "name"),
                version: try row.decode(String.self, "version")
            )
        }
    }
}
