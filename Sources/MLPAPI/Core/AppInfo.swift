/// Name and version the API reports.
public enum AppInfo {
    public static let name = "mlp"
    public static let version = "0.1.0"
}
