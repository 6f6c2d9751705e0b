import Foundation
import Testing

@Suite("Through nginx: images of two users", .enabled(if: EndToEnd.isConfigured))
struct ImagesEndToEndTests {
    private func labels(_ object: [String: Any]) -> [String] {
        (object["predictions"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    }

    @Test func twoUsersFullFlow() async throws {
        let alice = try await EndToEnd.newUser("alice")
        let bob = try await EndToEnd.newUser("bob")
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let chelsea = try EndToEnd.fixture("chelsea.png")

        let jsonBody = try JSONSerialization.data(withJSONObject: ["image_base64": coffee.base64EncodedString(), "title": "coffee"])
        let first = try await EndToEnd.send(
            "POST", "/api/v1/images", body: jsonBody, headers: alice.merging(["Content-Type": "application/json"]) { $1 })
        #expect(first.status == 201, "\(first.text)")
        let jpeg = try first.json()
        let jpegID = try #require(jpeg["id"] as? Int)
        #expect(first.header("Location") == "/api/v1/images/\(jpegID)")
        #expect(labels(jpeg).first == "espresso")
        #expect(jpeg["content_type"] as? String == "image/jpeg")

        let (form, type) = EndToEnd.multipart(file: chelsea, filename: "cat.png", type: "application/octet-stream", fields: [("title", "cat")])
        let second = try await EndToEnd.send("POST", "/api/v1/images", body: form, headers: alice.merging(["Content-Type": type]) { $1 })
        #expect(second.status == 201, "\(second.text)")
        let png = try second.json()
        let pngID = try #require(png["id"] as? Int)
        #expect(png["content_type"] as? String == "image/png")
        #expect(labels(png).contains { $0.contains("cat") || $0 == "Egyptian Mau" })

        let list = try await EndToEnd.send("GET", "/api/v1/images", headers: alice)
        let ids = (try list.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect(ids == [pngID, jpegID])
        let espresso = try await EndToEnd.send("GET", "/api/v1/images?label=ESPRESSO", headers: alice)
        #expect((try espresso.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [jpegID])
        let cats = try await EndToEnd.send("GET", "/api/v1/images?label=cat", headers: alice)
        #expect((try cats.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [pngID])
        // `q`: by title ("coffee", "cat") or label.
        let byTitle = try await EndToEnd.send("GET", "/api/v1/images?q=COFFEE", headers: alice)
        #expect((try byTitle.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [jpegID])
        let byEither = try await EndToEnd.send("GET", "/api/v1/images?q=espresso", headers: alice)
        #expect((try byEither.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [jpegID])

        // What the model found: each picture's top label first, each label's link lists what it counts.
        let found = try await EndToEnd.send("GET", "/api/v1/labels", headers: alice)
        let labelItems = try #require(try found.json()["items"] as? [[String: Any]])
        #expect(labelItems.count == (try found.json()["total"] as? Int) && labelItems.count <= 10)
        #expect(Set(labelItems.prefix(2).compactMap { $0["label"] as? String }) == Set([labels(jpeg)[0], labels(png)[0]]))
        #expect(labelItems.prefix(2).allSatisfy { $0["top_images"] as? Int == 1 })
        for item in labelItems {
            let link = try #require((item["links"] as? [String: Any])?["images"] as? String)
            let listed = try await EndToEnd.send("GET", link, headers: alice)
            #expect((try listed.json()["items"] as? [[String: Any]])?.count == item["images"] as? Int, "\(link)")
        }
        let bobsLabels = try await EndToEnd.send("GET", "/api/v1/labels", headers: bob)
        #expect(try bobsLabels.json()["total"] as? Int == 0)

        let got = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)", headers: alice)
        #expect(Data(base64Encoded: try got.json()["image_base64"] as? String ?? "") == coffee)
        // The second read (the picture from the cache) has the same tag, and a client that has it gets a 304.
        let tag = try #require(got.header("ETag"))
        let again = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)", headers: alice)
        #expect(again.header("ETag") == tag && again.body == got.body)
        let unchanged = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)", headers: alice.merging(["If-None-Match": tag]) { $1 })
        #expect(unchanged.status == 304 && unchanged.body.isEmpty)
        let content = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)/content", headers: alice)
        #expect(content.body == coffee)
        #expect(content.header("ETag") == "\"\(jpeg["sha256"] as? String ?? "")\"")
        #expect(content.header("X-Content-Type-Options") == "nosniff")
        for (id, picture) in [(pngID, png), (jpegID, jpeg)] {
            let thumbnail = try await EndToEnd.send("GET", "/api/v1/images/\(id)/thumbnail", headers: alice)
            #expect(thumbnail.header("Content-Type") == "image/jpeg")
            // Longest side 256 (never enlarged), aspect ratio kept to the pixel.
            let width = picture["width"] as? Int ?? 0, height = picture["height"] as? Int ?? 0
            let scale = min(1, 256 / Double(max(width, height, 1)))
            let size = try #require(Self.jpegSize(thumbnail.body))
            #expect(size.width == Int((Double(width) * scale).rounded()) && size.height == Int((Double(height) * scale).rounded()))
        }

        let patched = try await EndToEnd.send(
            "PATCH", "/api/v1/images/\(jpegID)", body: Data(#"{"title":"espresso shot"}"#.utf8),
            headers: alice.merging(["Content-Type": "application/json"]) { $1 })
        #expect(try patched.json()["title"] as? String == "espresso shot")
        let download = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)/content?download=true", headers: alice)
        #expect(download.body == coffee)
        #expect(download.header("Content-Disposition") == #"attachment; filename="espresso shot.jpg"; filename*=UTF-8''espresso%20shot.jpg"#)

        let replacement = try JSONSerialization.data(withJSONObject: ["image_base64": chelsea.base64EncodedString()])
        let put = try await EndToEnd.send(
            "PUT", "/api/v1/images/\(jpegID)", body: replacement, headers: alice.merging(["Content-Type": "application/json"]) { $1 })
        #expect(put.status == 200, "\(put.text)")
        let replaced = try put.json()
        #expect(!labels(replaced).contains("espresso"))
        #expect(replaced["history_count"] as? Int == 5)
        #expect(replaced["content_type"] as? String == "image/png")
        // The earlier classification is kept: the new set first, then the coffee's labels.
        let history = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)/predictions", headers: alice)
        let predictions = try #require(try history.json()["items"] as? [[String: Any]])
        #expect(predictions.count == 10)
        #expect(predictions.prefix(5).allSatisfy { $0["current"] as? Bool == true })
        #expect(predictions.dropFirst(5).first?["label"] as? String == "espresso")
        #expect(predictions.dropFirst(5).allSatisfy { $0["current"] as? Bool == false })

        // Bob sees none of Alice's images, on any route.
        for (method, suffix) in [
            ("GET", ""), ("GET", "/content"), ("GET", "/thumbnail"), ("GET", "/predictions"), ("PATCH", ""), ("PUT", ""), ("DELETE", ""),
            ("POST", "/classify"),
        ] {
            let body: Data? = method == "PATCH" ? Data(#"{"title":"x"}"#.utf8) : (method == "PUT" ? replacement : nil)
            let reply = try await EndToEnd.send(
                method, "/api/v1/images/\(pngID)\(suffix)", body: body, headers: bob.merging(["Content-Type": "application/json"]) { $1 })
            #expect(reply.status == 404, "\(method) \(suffix): \(reply.status)")
        }
        let bobsList = try await EndToEnd.send("GET", "/api/v1/images", headers: bob)
        #expect((try bobsList.json()["items"] as? [[String: Any]])?.isEmpty == true)

        let deleted = try await EndToEnd.send("DELETE", "/api/v1/images/\(jpegID)", headers: alice)
        #expect(deleted.status == 204)
        let gone = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)", headers: alice)
        #expect(gone.status == 404)
        #expect(gone.header("Content-Type") == "application/problem+json")
        let goneContent = try await EndToEnd.send("GET", "/api/v1/images/\(jpegID)/content", headers: alice)
        #expect(goneContent.status == 404)
    }

    @Test func aShareLinkShowsThePictureWithoutAnAccountUntilItIsStopped() async throws {
        let alice = try await EndToEnd.newUser("alice")
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let phone = EndToEnd.asFromAPhone(coffee)
        let body = try JSONSerialization.data(withJSONObject: ["image_base64": phone.base64EncodedString(), "title": "coffee <to share>"])
        let upload = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: alice.merging(["Content-Type": "application/json"]) { $1 })
        let id = try #require(try upload.json()["id"] as? Int)

        let made = try await EndToEnd.send("PUT", "/api/v1/images/\(id)/share", headers: alice)
        #expect(made.status == 201, "\(made.text)")
        let path = try #require(try made.json()["path"] as? String)
        let base = try #require(EndToEnd.baseURL)
        #expect(try made.json()["url"] as? String == base + path, "nginx passes the Host the client used")
        let again = try await EndToEnd.send("PUT", "/api/v1/images/\(id)/share", headers: alice)
        #expect(again.status == 200)
        #expect(try again.json()["path"] as? String == path)

        // No Authorization header, no cookie.
        let page = try await EndToEnd.send("GET", path)
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(page.header("X-Robots-Tag") == "noindex, nofollow")
        #expect(page.text.contains("<h1>coffee &lt;to share&gt;</h1>"))
        #expect(page.text.contains(">espresso</span>"))
        #expect(!page.text.contains("@example.org"))
        // The link shows the picture without what the file said besides it; its owner keeps the file as uploaded.
        let content = try await EndToEnd.send("GET", path + "/content")
        #expect(content.status == 200)
        #expect(content.body == coffee)
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(id)/content", headers: alice).body == phone)
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(id)/content?metadata=remove", headers: alice).body == coffee)
        let thumbnail = try await EndToEnd.send("GET", path + "/thumbnail")
        #expect(thumbnail.header("Content-Type") == "image/jpeg")
        #expect(try await EndToEnd.send("GET", "/s/" + String(repeating: "A", count: 43)).status == 404)

        #expect(try await EndToEnd.send("DELETE", "/api/v1/images/\(id)/share", headers: alice).status == 204)
        for suffix in ["", "/content", "/thumbnail"] {
            let gone = try await EndToEnd.send("GET", path + suffix)
            #expect(gone.status == 404, "\(suffix)")
        }
        // Shared again, then the picture deleted: the new link ends with it.
        let remade = try await EndToEnd.send("PUT", "/api/v1/images/\(id)/share", headers: alice)
        let newPath = try #require(try remade.json()["path"] as? String)
        #expect(newPath != path)
        #expect(try await EndToEnd.send("GET", newPath).status == 200)
        #expect(try await EndToEnd.send("DELETE", "/api/v1/images/\(id)", headers: alice).status == 204)
        #expect(try await EndToEnd.send("GET", newPath).status == 404)
        #expect(try await EndToEnd.send("GET", newPath + "/content").status == 404)
    }

    @Test func picturesLikeThisPutTheSameSubjectFirst() async throws {
        let alice = try await EndToEnd.newUser("alice")
        let json = alice.merging(["Content-Type": "application/json"]) { $1 }
        var ids: [Int] = []
        for (name, title) in [("coffee.jpg", "first coffee"), ("chelsea.png", "cat"), ("coffee.jpg", "second coffee")] {
            let body = try JSONSerialization.data(withJSONObject: ["image_base64": try EndToEnd.fixture(name).base64EncodedString(), "title": title])
            let reply = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: json)
            ids.append(try #require(try reply.json()["id"] as? Int))
        }
        let reply = try await EndToEnd.send("GET", "/api/v1/images/\(ids[0])/similar", headers: alice)
        #expect(reply.status == 200)
        let items = try #require(try reply.json()["items"] as? [[String: Any]])
        #expect(items.first?["id"] as? Int == ids[2], "the same picture again first")
        // The same picture: the same top-5, so the overlap is the sum of those five scores.
        let again = try await EndToEnd.send("GET", "/api/v1/images/\(ids[2])", headers: alice)
        let scores = (try again.json()["predictions"] as? [[String: Any]] ?? []).compactMap { $0["score"] as? Double }
        #expect(abs((items.first?["similarity"] as? Double ?? 0) - scores.reduce(0, +)) < 0.001)
        #expect(items.dropFirst().allSatisfy { $0["id"] as? Int == ids[1] })
        let bob = try await EndToEnd.newUser("bob")
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(ids[0])/similar", headers: bob).status == 404)
        // The same bytes twice: one group of duplicates, the first upload first.
        let duplicates = try await EndToEnd.send("GET", "/api/v1/images/duplicates", headers: alice)
        let groups = try #require(try duplicates.json()["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect((groups.first?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [ids[0], ids[2]])
        #expect(try await EndToEnd.send("GET", "/api/v1/images/duplicates", headers: bob).json()["total"] as? Int == 0)
    }

    @Test func theOwnersLabelsAreComparedWithTheModel() async throws {
        let alice = try await EndToEnd.newUser("alice")
        let json = alice.merging(["Content-Type": "application/json"]) { $1 }
        var ids: [Int] = []
        for name in ["coffee.jpg", "chelsea.png"] {
            let body = try JSONSerialization.data(withJSONObject: ["image_base64": try EndToEnd.fixture(name).base64EncodedString()])
            ids.append(try #require(try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: json).json()["id"] as? Int))
        }
        // The coffee is an espresso (the model's top label); the cat is called a lynx, not in its top 5.
        for (id, label) in [(ids[0], "Espresso"), (ids[1], "lynx, catamount")] {
            let body = try JSONSerialization.data(withJSONObject: ["label": label])
            let reply = try await EndToEnd.send("PUT", "/api/v1/images/\(id)/label", body: body, headers: json)
            #expect(reply.status == 200)
            #expect(try reply.json()["user_label"] as? String == label)
        }
        let labels = try await EndToEnd.send("GET", "/api/v1/labels", headers: alice).json()
        let agreement = try #require((labels["agreement"] as? [[String: Any]])?.first)
        #expect(agreement["model"] as? String == "efficientnet-lite0")
        #expect(agreement["labelled"] as? Int == 2)
        #expect(agreement["top_matches"] as? Int == 1)
        #expect(agreement["any_matches"] as? Int == 1)
        #expect(try await EndToEnd.send("DELETE", "/api/v1/images/\(ids[1])/label", headers: alice).status == 204)
        let after = try await EndToEnd.send("GET", "/api/v1/labels", headers: alice).json()
        #expect((after["agreement"] as? [[String: Any]])?.first?["labelled"] as? Int == 1)
        let bob = try await EndToEnd.newUser("bob")
        let body = try JSONSerialization.data(withJSONObject: ["label": "mine"])
        #expect(try await EndToEnd.send("PUT", "/api/v1/images/\(ids[0])/label", body: body,
                                         headers: bob.merging(["Content-Type": "application/json"]) { $1 }).status == 404)
        // Both at once; Bob's request for Alice's pictures labels nothing.
        let both = try JSONSerialization.data(withJSONObject: ["image_ids": ids, "label": "on my desk"])
        let refused = try await EndToEnd.send("POST", "/api/v1/labels", body: both, headers: bob.merging(["Content-Type": "application/json"]) { $1 })
        #expect(try refused.json()["not_found"] as? [Int] == ids)
        let labelled = try await EndToEnd.send("POST", "/api/v1/labels", body: both, headers: json)
        #expect(labelled.status == 200)
        #expect(try labelled.json()["labelled"] as? [Int] == ids)
        for id in ids {
            #expect(try await EndToEnd.send("GET", "/api/v1/images/\(id)", headers: alice).json()["user_label"] as? String == "on my desk")
        }
    }

    @Test func whenAPictureWasTakenComesFromItsFile() async throws {
        let dana = try await EndToEnd.newUser("dana")
        let json = dana.merging(["Content-Type": "application/json"]) { $1 }
        func upload(_ bytes: Data) async throws -> [String: Any] {
            let body = try JSONSerialization.data(withJSONObject: ["image_base64": bytes.base64EncodedString()])
            let reply = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: json)
            #expect(reply.status == 201)
            return try reply.json()
        }
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let zoned = try await upload(EndToEnd.taken(coffee, at: "2026:03:12 14:03:22", offset: "+01:00"))
        #expect(zoned["taken_at"] as? String == "2026-03-12T14:03:22+01:00")
        #expect((zoned["predictions"] as? [[String: Any]])?.first?["label"] as? String == "espresso", "the picture is the same")
        let id = try #require(zoned["id"] as? Int)
        #expect(try await EndToEnd.send("GET", "/api/v1/images/\(id)", headers: dana).json()["taken_at"] as? String == "2026-03-12T14:03:22+01:00")
        let local = try await upload(EndToEnd.taken(coffee, at: "2025:12:24 18:00:00", offset: nil))
        #expect(local["taken_at"] as? String == "2025-12-24T18:00:00")
        let chelsea = try EndToEnd.fixture("chelsea.png")
        let png = try await upload(chelsea)
        #expect(png["taken_at"] == nil, "a file that does not say")
        // A PNG's Exif (an eXIf chunk): its time, and its orientation turns the picture as a browser turns it.
        let turned = try await upload(EndToEnd.taken(png: chelsea, at: "2024:08:01 09:15:00", offset: nil, orientation: 6))
        #expect(turned["taken_at"] as? String == "2024-08-01T09:15:00")
        #expect([png["width"], png["height"]].map { $0 as? Int } == [150, 113])
        #expect([turned["width"], turned["height"]].map { $0 as? Int } == [113, 150])
        let turnedID = try #require(turned["id"] as? Int)
        let thumbnail = try await EndToEnd.send("GET", "/api/v1/images/\(turnedID)/thumbnail", headers: dana)
        let size = try #require(Self.jpegSize(thumbnail.body))
        #expect(size.width == 113 && size.height == 150, "the thumbnail is upright too")
        _ = try await EndToEnd.send("DELETE", "/api/v1/images/\(turnedID)", headers: dana)
        let items = try #require(try await EndToEnd.send("GET", "/api/v1/images?limit=3", headers: dana).json()["items"] as? [[String: Any]])
        #expect(items.map { $0["taken_at"] as? String } == [nil, "2025-12-24T18:00:00", "2026-03-12T14:03:22+01:00"])
        #expect(items.first?["taken_at"] is NSNull)
        // By the time taken, page by page through `links.next`: the PNG counts at its upload (now), first.
        var path: String? = "/api/v1/images?sort=taken&limit=1"
        var seen: [Int] = []
        while let next = path, seen.count < 5 {
            let page = try await EndToEnd.send("GET", next, headers: dana).json()
            seen += (page["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            path = (page["links"] as? [String: Any])?["next"] as? String
        }
        #expect(seen == [try #require(png["id"] as? Int), id, try #require(local["id"] as? Int)])
        let first = try await EndToEnd.send("GET", "/api/v1/images?sort=taken&limit=1", headers: dana).json()
        let cursor = try #require(first["next_cursor"] as? String)
        #expect(try await EndToEnd.send("GET", "/api/v1/images?cursor=\(cursor)", headers: dana).status == 422, "a cursor of the other order")
    }

    @Test func storageCountsThePicturesAsUploaded() async throws {
        let carol = try await EndToEnd.newUser("carol")
        func usage() async throws -> [String: Any] {
            let reply = try await EndToEnd.send("GET", "/api/v1/users/me/storage", headers: carol)
            #expect(reply.status == 200)
            return try reply.json()
        }
        #expect(try await usage()["used_bytes"] as? Int == 0)
        #expect(try await usage()["quota_bytes"] as? Int == 1 << 30)
        let coffee = try EndToEnd.fixture("coffee.jpg")
        let body = try JSONSerialization.data(withJSONObject: ["image_base64": coffee.base64EncodedString()])
        let stored = try await EndToEnd.send(
            "POST", "/api/v1/images", body: body, headers: carol.merging(["Content-Type": "application/json"]) { $1 })
        let id = try #require(try stored.json()["id"] as? Int)
        #expect(try await usage()["used_bytes"] as? Int == coffee.count)
        _ = try await EndToEnd.send("DELETE", "/api/v1/images/\(id)", headers: carol)
        #expect(try await usage()["used_bytes"] as? Int == 0)
    }

    @Test func theExportArchiveHoldsEveryPictureAsUploadedAndTarExtractsIt() async throws {
        let dora = try await EndToEnd.newUser("dora")
        let json = dora.merging(["Content-Type": "application/json"]) { $1 }
        var uploaded: [Int: (bytes: Data, labels: [String])] = [:]
        // Ten pictures (about 300 KB): more than one chunk of the stream.
        for index in 0..<10 {
            let bytes = try EndToEnd.fixture(index % 2 == 0 ? "coffee.jpg" : "chelsea.png")
            let body = try JSONSerialization.data(withJSONObject: ["image_base64": bytes.base64EncodedString(), "title": "Picture \(index)"])
            let stored = try await EndToEnd.send("POST", "/api/v1/images", body: body, headers: json)
            #expect(stored.status == 201)
            let object = try stored.json()
            let id = try #require(object["id"] as? Int)
            let labels = try #require(object["predictions"] as? [[String: Any]]).compactMap { $0["label"] as? String }
            uploaded[id] = (bytes, labels)
        }
        let deleted = try #require(uploaded.keys.min())
        #expect(try await EndToEnd.send("DELETE", "/api/v1/images/\(deleted)", headers: dora).status == 204)
        uploaded[deleted] = nil

        let reply = try await EndToEnd.send("GET", "/api/v1/users/me/export", headers: dora)
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/x-tar")
        #expect(reply.header("Content-Disposition")?.hasPrefix("attachment; filename=\"mlp-export-") == true)
        #expect(reply.header("Content-Length") == nil, "streamed through nginx without a length")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlp-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("export.tar")
        try reply.body.write(to: archive)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-x", "-f", archive.path, "-C", directory.path]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)

        let pictures = directory.appendingPathComponent("mlp-export/pictures")
        let names = try FileManager.default.contentsOfDirectory(atPath: pictures.path).sorted()
        #expect(names.count == 2 * uploaded.count)
        for (id, picture) in uploaded {
            let ext = picture.bytes.starts(with: [0xFF, 0xD8]) ? "jpg" : "png"
            #expect(try Data(contentsOf: pictures.appendingPathComponent("\(id).\(ext)")) == picture.bytes)
            let facts = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: pictures.appendingPathComponent("\(id).json"))) as? [String: Any]
            )
            #expect(facts["file"] as? String == "\(id).\(ext)")
            #expect(facts["byte_size"] as? Int == picture.bytes.count)
            let predictions = try #require(facts["predictions"] as? [[String: Any]])
            #expect(predictions.compactMap { $0["label"] as? String } == picture.labels)
        }
        let account = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("mlp-export/account.json"))) as? [String: Any]
        )
        #expect((account["username"] as? String)?.hasPrefix("dora-") == true)

        // Another account's archive has none of these pictures.
        let other = try await EndToEnd.send("GET", "/api/v1/users/me/export", headers: try await EndToEnd.newUser("eve"))
        #expect(other.status == 200)
        let otherText = String(decoding: other.body, as: UTF8.self)
        for id in uploaded.keys {
            #expect(!otherText.contains("pictures/\(id)."), "another account's archive names picture \(id)")
        }
    }

    @Test func modelsAndReadiness() async throws {
        let models = try await EndToEnd.send("GET", "/api/v1/models")
        let list = try #require(try models.json()["models"] as? [[String: Any]])
        #expect(list.contains { $0["name"] as? String == "efficientnet-lite0" && $0["is_default"] as? Bool == true })
        let ready = try await EndToEnd.send("GET", "/readyz")
        let checks = try #require(try ready.json()["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["name"] as? String == "model" && $0["ready"] as? Bool == true })
    }

    /// Width and height from a baseline JPEG's SOF0 frame header.
    static func jpegSize(_ bytes: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](bytes)
        var index = 2
        while index + 9 < bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1], length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if marker == 0xC0 {
                return (Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]), Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]))
            }
            index += 2 + length
        }
        return nil
    }
}
