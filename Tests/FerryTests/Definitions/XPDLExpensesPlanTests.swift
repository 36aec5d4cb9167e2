import Foundation
import Testing
import FerryDiagnostics
@testable import FerryKit

/// The Joget example plan `plans/expenses/` says what it claims in its README and mapping file.
@Suite("XPDL front end: the expenses example plan")
struct XPDLExpensesPlanTests {
    private static let definitions = URL(filePath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appending(path: "plans/expenses/definitions")

    private static func process(_ version: String) throws -> ProcessDefinition {
        let name = "expense-claim-\(version).xpdl"
        let text = try String(contentsOf: definitions.appending(path: name), encoding: .utf8)
        let file = DefinitionReader().read(SourceFile(path: name, text: text))
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        return try #require(file.processes.first)
    }

    @Test func bothVersionsAreOneJogetProcess() throws {
        let old = try Self.process("1.0.0")
        let new = try Self.process("1.1.0")
        #expect(old.version == SemanticVersion(major: 1, minor: 0, patch: 0))
        #expect(new.version == SemanticVersion(major: 1, minor: 1, patch: 0))
        for process in [old, new] {
            #expect(process.engine == .joget)
            #expect(process.id == "expense_claim")
            #expect(process.packageID == "expense_claims")
            #expect(process.participants == ["claimant", "approver", "finance", "system"])
        }
    }

    @Test func theMinorIncrementRenamesRemovesAndAdds() throws {
        let old = try Self.process("1.0.0")
        let new = try Self.process("1.1.0")
        let oldIDs = Set(old.elements.map(\.id))
        let newIDs = Set(new.elements.map(\.id))
        #expect(oldIDs.subtracting(newIDs) == ["verify_receipts", "query_claimant"])
        #expect(newIDs.subtracting(oldIDs) == ["review_receipts", "check_policy"])
        // The rename keeps the activity type (a Joget rule); the removed one is a wait state.
        #expect(old.element("verify_receipts")?.kind == .normal)
        #expect(new.element("review_receipts")?.kind == .normal)
        #expect(old.element("query_claimant")?.isWaitState == true)
        #expect(new.element("check_policy")?.kind == .tool)
        // Everything else keeps its id and type, so identity carries it.
        for id in oldIDs.intersection(newIDs) {
            #expect(old.element(id)?.kind == new.element(id)?.kind, "\(id)")
        }
        // The mapping's variables.set names a workflow variable of 1.1.0.
        #expect(new.dataFields.map(\.id).contains("policy_flag"))
        #expect(!old.dataFields.map(\.id).contains("policy_flag"))
    }
}
