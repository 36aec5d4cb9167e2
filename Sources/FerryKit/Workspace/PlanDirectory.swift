/// The files of one plan directory (DESIGN.md §2.1), as paths for display.
///
/// Paths keep the form the user gave on the command line: `ferry check plans` gives
/// `plans/invoice/mappings/1.2-to-1.3.yaml`, `ferry check .` gives `invoice/…`.
public struct PlanDirectory: Sendable, Hashable {
    /// The plan directory itself.
    public var path: String
    /// Every `*.bpmn` and `*.xpdl` below `definitions/`, sorted.
    public var definitions: [String]
    /// Every `*.yaml` and `*.yml` below `mappings/`, sorted.
    public var mappings: [String]
    /// Files in `definitions/` or `mappings/` that Ferry does not read, sorted.
    public var ignored: [String]

    public init(path: String, definitions: [String] = [], mappings: [String] = [], ignored: [String] = []) {
        self.path = path
        self.definitions = definitions
        self.mappings = mappings
        self.ignored = ignored
    }

    /// The name of the folder holding the definitions.
    public static let definitionsFolder = "definitions"
    /// The name of the folder holding the mapping files.
    public static let mappingsFolder = "mappings"

    static let definitionExtensions: Set<String> = ["bpmn", "xpdl"]
    static let mappingExtensions: Set<String> = ["yaml", "yml"]

    /// Every file Ferry reads, definitions first.
    public var inputs: [String] { definitions + mappings }
}
