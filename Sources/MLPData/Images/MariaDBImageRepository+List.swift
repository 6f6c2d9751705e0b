import MLPDomain
import MariaDB

extension MariaDBImageRepository {
    /// The condition of the rows `i` after `position` in the order by the time taken (latest first): a keyset on
    /// (timeline_at, id), a range of images_user_timeline (migration 14); for the gallery's and the albums' pages.
    static func after(_ position: ImageListPosition) -> (sql: String, binds: [SQLValue]) {
        let timeline = SQLValue.date(position.timeline ?? .distantFuture)
        return (" AND (i.timeline_at < ? OR (i.timeline_at = ? AND i.id < ?))", [timeline, timeline, .int(position.id)])
    }

    public func list(userID: Int64, _ query: ImageListQuery) throws -> [ImageSummary] {
        let statement = Self.listStatement(userID: userID, query)
        // Many entries of images_user_timeline read for their time alone: MariaDB reads them from a virtual column's
        // index, not from the rows, only when the statement is freshly prepared (Connection.queryPreparedAfresh).
        let rows = Self.readsTimesFromTheIndex(query) ? try connection.queryPreparedAfresh(statement) : try connection.query(statement)
        return try rows.map(Self.summary)
    }

    /// Whether a page of `query` reads the time of many entries of images_user_timeline from the index alone: a range
    /// sorted by id (days by upload), or a day of the year tested on each entry (in either order).
    static func readsTimesFromTheIndex(_ query: ImageListQuery) -> Bool {
        listIndex(query) == "images_user_timeline" && (query.order == .uploaded || query.dayOfYear != nil)
    }

    /// The index a page of `query` is read through, when MariaDB is not left to choose: the pages are ranges of
    /// one account's pictures, read in the list's order or (days by upload) sorted by id.
    ///
    /// By upload, images_user_active (user, is_deleted, id). Left to itself, MariaDB walked the primary key down from
    /// the newest picture of every account and skipped the others' rows: an account whose pictures are older than
    /// another's 20 000 waited 0.8–1.0 s for its first page instead of 1 ms (synthetic pictures, 2026-11-28). By the
    /// time taken, images_user_timeline: MariaDB read it from its start up to the cursor on every page, 37 ms for a
    /// page 10 000 pictures deep instead of 1 ms. Days by upload, images_user_timeline too: the days are one range of
    /// it, whose ids are sorted without reading a row (the index holds the id); MariaDB walked the primary key for
    /// them, 0.9 s for a day of the older account above, 2 ms through the range (docs/benchmarks.md). A day of the
    /// year by upload likewise: each entry's time is tested in the index, the ids kept sorted. Not forced
    /// when a narrower index finds the few rows wanted: a digest (images_user_sha256) and the favourites
    /// (images_user_favourite, then sorted: 1–3 ms for 200 among 20 000).
    static func listIndex(_ query: ImageListQuery) -> String? {
        guard query.sha256 == nil, query.favourite != true else { return nil }
        switch query.order {
        case .taken: return "images_user_timeline"
        case .uploaded:
            let byTime = query.timelineFrom != nil || query.timelineBefore != nil || query.dayOfYear != nil
            return byTime ? "images_user_timeline" : "images_user_active"
        }
    }

    /// The statement of ``list(userID:_:)``: the ids of the page first (``pageStatement(userID:_:)``), then their
    /// rows, each with its rank-1 current prediction. Sorting a range by id before reading its rows is what makes a
    /// range of days by upload cheap; the pages read through an index in order are as quick either way.
    static func listStatement(userID: Int64, _ query: ImageListQuery) -> SQLQuery {
        let page = pageStatement(userID: userID, query)
        return SQLQuery(unsafeSQL: """
            SELECT \(Self.summaryColumns)
            FROM (\(page.sql)) page
            JOIN images i ON i.id = page.id
            LEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1
            LEFT JOIN models m ON m.id = p.model_id
            \(orderBy(query.order))
            """, binds: page.binds)
    }

    private static func orderBy(_ order: ImageOrder) -> String {
        order == .taken ? "ORDER BY i.timeline_at DESC, i.id DESC" : "ORDER BY i.id DESC"
    }

    /// The ids of a page of `query`, in the list's order; the label filter looks at every current prediction.
    static func pageStatement(userID: Int64, _ query: ImageListQuery) -> SQLQuery {
        let hint = listIndex(query).map { " FORCE INDEX (\($0))" } ?? ""
        // The rank-1 current prediction only when a filter looks at it.
        let top = query.maxScore != nil || query.agreement != nil
            ? "\nLEFT JOIN predictions p ON p.image_id = i.id AND p.is_current = TRUE AND p.`rank` = 1" : ""
        var sql = """
            SELECT i.id
            FROM images i\(hint)\(top)
            WHERE i.user_id = ? AND i.is_deleted = FALSE
            """
        var binds: [SQLValue] = [.int(userID)]
        switch (query.order, query.after) {
        case (.uploaded, let after?):
            sql += " AND i.id < ?"
            binds.append(.int(after.id))
        case (.taken, let after?):
            let keyset = Self.after(after)
            sql += keyset.sql
            binds += keyset.binds
        case (_, nil): break
        }
        // The days asked for, on the same column as the order (a range of images_user_timeline by the time taken).
        if let from = query.timelineFrom {
            sql += " AND i.timeline_at >= ?"
            binds.append(.date(from))
        }
        if let before = query.timelineBefore {
            sql += " AND i.timeline_at < ?"
            binds.append(.date(before))
        }
        if let day = query.dayOfYear {
            // Tested on each entry of the account's range (no index holds days of the year): from the index alone.
            sql += " AND MONTH(i.timeline_at) = ? AND DAYOFMONTH(i.timeline_at) = ?"
            binds += [.int(Int64(day.month)), .int(Int64(day.day))]
        }
        if let maxScore = query.maxScore {
            // `p` is the current top prediction: a picture without one is not listed.
            sql += " AND p.score <= ?"
            binds.append(.double(maxScore))
        }
        if let favourite = query.favourite {
            sql += " AND i.favourite = ?"
            binds.append(.bool(favourite))
        }
        if let sha256 = query.sha256 {
            // images_user_sha256 (migration 7) and images_user_uploaded_sha256 (16, a turned file's upload) find the
            // few rows with these bytes.
            sql += " AND (i.sha256 = ? OR i.uploaded_sha256 = ?)"
            binds += [.string(sha256), .string(sha256)]
        }
        if let label = query.label {
            // `label` compares case-insensitively (utf8mb4_unicode_ci), also with `=`.
            let exact = label.match == .exact
            sql += """
                 AND EXISTS (SELECT 1 FROM predictions f WHERE f.image_id = i.id AND f.is_current = TRUE
                    AND f.label \(exact ? "= ?" : "LIKE ? ESCAPE '!'"))
                """
            binds.append(.string(exact ? label.text : "%" + Self.escapeLike(label.text) + "%"))
        }
        if let text = query.text {
            // `title`, `user_label` and `label` compare case-insensitively (utf8mb4_unicode_ci).
            sql += """
                 AND (i.title LIKE ? ESCAPE '!' OR i.user_label LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM predictions t
                    WHERE t.image_id = i.id AND t.is_current = TRUE AND t.label LIKE ? ESCAPE '!'))
                """
            let pattern = SQLValue.string("%" + Self.escapeLike(text) + "%")
            binds += [pattern, pattern, pattern]
        }
        switch query.agreement {
        // `p` is the current top prediction; `=` ignores case (utf8mb4_unicode_ci), as in the agreement counts.
        case .agree?: sql += " AND i.user_label IS NOT NULL AND p.label = i.user_label"
        case .disagree?: sql += " AND i.user_label IS NOT NULL AND (p.label IS NULL OR p.label <> i.user_label)"
        case .unlabelled?: sql += " AND i.user_label IS NULL"
        case nil: break
        }
        sql += " \(orderBy(query.order)) LIMIT ?"
        binds.append(.int(Int64(query.limit)))
        return SQLQuery(unsafeSQL: sql, binds: binds)
    }
}
