/// A short name for the client of a session, from its `User-Agent`: "Firefox on Android", "curl". Only for
/// showing the account's owner which login is which; the full text is shown beside it.
enum DeviceDescription {
    /// Browsers and tools, the more specific first: Edge and Opera also name Chrome, Chrome also names Safari.
    private static let clients: [(marker: String, name: String)] = [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("HeadlessChrome/", "Headless Chrome"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"),
        ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
        ("curl/", "curl"), ("Wget/", "Wget"), ("python-requests/", "Python requests"), ("python-httpx/", "Python httpx"),
        ("aiohttp/", "Python aiohttp"), ("Python-urllib/", "Python urllib"), ("Go-http-client/", "Go"), ("okhttp/", "OkHttp"),
        ("PostmanRuntime/", "Postman"), ("HTTPie/", "HTTPie"), ("node-fetch", "Node.js"), ("axios/", "axios"),
    ]
    /// Operating systems, the more specific first: Android names Linux, iOS names "like Mac OS X".
    private static let systems: [(marker: String, name: String)] = [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"), ("FreeBSD", "FreeBSD"), ("OpenBSD", "OpenBSD"),
    ]
    /// The most characters of an unrecognised user agent shown as its name.
    static let maxUnknownLength = 40

    /// "Firefox on Android", "Safari on iOS", "curl", "Windows"; the start of the text when nothing in it is
    /// known; "Unknown client" without one.
    static func describe(_ userAgent: String?) -> String {
        guard let userAgent, !userAgent.isEmpty else { return "Unknown client" }
        // "Version/" alone is not Safari: only with "Safari/" in the same text.
        let client = clients.first { userAgent.contains($0.marker) && ($0.name != "Safari" || userAgent.contains("Safari/")) }?.name
        let system = systems.first { userAgent.contains($0.marker) }?.name
        switch (client, system) {
        case let (client?, system?): return "\(client) on \(system)"
        case let (client?, nil): return client
        case let (nil, system?): return system
        case (nil, nil):
            return userAgent.count > maxUnknownLength ? String(userAgent.prefix(maxUnknownLength)) + "…" : userAgent
        }
    }
}
