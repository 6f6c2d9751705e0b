import Testing

@testable import MariaDB

@Suite struct SQLScriptSplitterTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- leading comment; with a semicolon
            CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b');
            /* block; comment */ INSERT INTO a VALUES ('it''s; \\' here');
            # hash comment;
            SELECT `odd;name` FROM a
            """
        let statements = SQLScriptSplitter.statements(in: script)
        #expect(statements == [
            "CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b')",
            "INSERT INTO a VALUES ('it''s; \\' here')",
            "SELECT `odd;name` FROM a",
        ])
    }

    @Test func emptyScriptHasNoStatements() {
        #expect(SQLScriptSplitter.statements(in: " ;\n-- nothing\n;").isEmpty)
    }
}
