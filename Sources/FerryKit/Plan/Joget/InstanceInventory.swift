public import FerryDiagnostics

/// The running Joget instances that `ferry plan --emit joget` migrates, as read from the
/// inventory given with `--instances FILE` (schema: `grammar/joget-instances.schema.json`).
///
/// ```json
/// {"instances": [{"id": "224_expense_claims_expense_claim", "version": "1.0.0",
///                 "activities": ["verify_receipts"], "variables": {"amount": "120.50"},
///                 "recordId": "claim-0042"}]}
/// ```
public struct InstanceInventory: Sendable {
    /// The file, as given on the command line.
    public var path: String
    /// In the order of the file.
    public var instances: [RunningInstance]

    public init(path: String, instances: [RunningInstance]) {
        self.path = path
        self.instances = instances
    }
}

/// One running process instance of an inventory, everything located in the file.
public struct RunningInstance: Sendable {
    /// Joget's process instance id, e.g. `224_expense_claims_expense_claim`.
    public var id: Located<String>
    /// The source version, MAJOR.MINOR.PATCH.
    public var version: Located<SemanticVersion>
    /// The activity definition ids the instance waits in, in the order of the file.
    public var activities: [Located<String>]
    /// Workflow variables, in the order of the file; values as text.
    public var variables: [InstanceVariable]
    /// The form record the instance works on, passed to `process/start` as `recordId`.
    public var recordID: Located<String>?
    /// The instance's object in the file.
    public var location: SourceLocation

    public init(
        id: Located<String>,
        version: Located<SemanticVersion>,
        activities: [Located<String>],
        variables: [InstanceVariable] = [],
        recordID: Located<String>? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.version = version
        self.activities = activities
        self.variables = variables
        self.recordID = recordID
        self.location = location
    }
}

/// One workflow variable of a running instance: its name (located at the key) and its text.
public struct InstanceVariable: Sendable, Hashable {
    public var name: Located<String>
    public var value: String

    public init(name: Located<String>, value: String) {
        self.name = name
        self.value = value
    }
}
