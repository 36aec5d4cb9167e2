/// Facts about this build of Ferry.
public enum Ferry {
    /// The version `ferry --version` prints and SARIF logs name.
    public static let version = "0.1.0-dev"
    /// Where the project lives; SARIF `informationUri`.
    public static let informationURI = "https://github.com/ferry-migrations/ferry"
}
