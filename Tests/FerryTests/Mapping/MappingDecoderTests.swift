import Testing
import FerryDiagnostics
import FerryKit

/// Decodes text that must decode cleanly.
private func decodeClean(_ text: String, path: String = "1.2-to-1.3.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> MappingFile {
    let result = MappingDecoder().decode(Array(text.utf8), path: path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })", sourceLocation: sourceLocation)
    return try #require(result.file, sourceLocation: sourceLocation)
}

private func targets(_ entry: MappingEntry?) -> [String]? {
    guard case .map(let targets, _)? = entry?.action else { return nil }
    return targets.map(\.value)
}

private func trigger(_ entry: MappingEntry?) -> Bool? {
    guard case .map(_, let trigger)? = entry?.action else { return nil }
    return trigger?.value
}

private func skipReason(_ entry: MappingEntry?) -> String? {
    guard case .skip(let reason)? = entry?.action else { return nil }
    return reason.value
}

@Suite("Mapping decoder: what it reads")
struct MappingDecoderTests {
    @Test func headerIsReadWithPositions() throws {
        let file = try decodeClean("""
            # yaml-language-server: $schema=../../../grammar/mapping.schema.json
            ferry: 1
            process: invoice
            from: 1.2
            to: 1.3
            description: Review split into two steps
            """)
        #expect(file.grammarVersion?.value == 1)
        #expect(file.process?.value == "invoice")
        #expect(file.from?.value == MinorVersion(major: 1, minor: 2))
        #expect(file.to?.value == MinorVersion(major: 1, minor: 3))
        #expect(file.description?.value == "Review split into two steps")
        #expect(file.activities.isEmpty)
        #expect(file.variables.isEmpty)
        let process = try #require(file.process)
        #expect(process.location.file == "1.2-to-1.3.yaml")
        #expect((process.location.start.line, process.location.start.column) == (3, 10))
        #expect((process.location.end.line, process.location.end.column) == (3, 17))
        #expect(file.header != nil)
    }

    @Test func versionsAreReadAsWritten() throws {
        let file = try decodeClean("ferry: 1\nprocess: p\nfrom: 1.10\nto: 1.11\n", path: "1.10-to-1.11.yaml")
        #expect(file.from?.value == MinorVersion(major: 1, minor: 10))
        #expect(file.to?.value == MinorVersion(major: 1, minor: 11))
        #expect(file.from?.value.description == "1.10")
    }

    @Test func quotedVersionsAndYmlFilesAreFine() throws {
        let file = try decodeClean("ferry: 1\nprocess: p\nfrom: \"1.9\"\nto: '1.10'\n", path: "plans/p/mappings/1.9-to-1.10.yml")
        #expect(file.from?.value == MinorVersion(major: 1, minor: 9))
        #expect(file.to?.value == MinorVersion(major: 1, minor: 10))
    }

    @Test func shortFormEntries() throws {
        let file = try decodeClean(mappingHeader + """
            activities:
              approveInvoice: reviewInvoice
              checkStock: preflightChecks
              packBox: preflightChecks
              loop#multiInstanceBody: loop2#multiInstanceBody
            """)
        #expect(file.activities.map(\.source.value) == ["approveInvoice", "checkStock", "packBox", "loop#multiInstanceBody"])
        #expect(file.activities.map(targets) == [["reviewInvoice"], ["preflightChecks"], ["preflightChecks"], ["loop2#multiInstanceBody"]])
        #expect(file.activities.allSatisfy { trigger($0) == nil })
        let first = try #require(file.activities.first)
        #expect((first.source.location.start.line, first.source.location.start.column) == (6, 3))
        // The entry spans key to end of value.
        #expect((first.location.start.column, first.location.end.column) == (3, 32))
        guard case .map(let firstTargets, _) = first.action else { return }
        #expect((firstTargets[0].location.start.line, firstTargets[0].location.start.column) == (6, 19))
    }

    @Test func longFormWithUpdateEventTrigger() throws {
        let file = try decodeClean(mappingHeader + """
            activities:
              reminderTimer:
                to: reminderTimer
                updateEventTrigger: true
              escalation: { to: escalation2, updateEventTrigger: false }
              plain:
                to: plain2
            """)
        #expect(file.activities.map(targets) == [["reminderTimer"], ["escalation2"], ["plain2"]])
        #expect(file.activities.map(trigger) == [true, false, nil])
    }

    @Test func splitToSeveralTargets() throws {
        let file = try decodeClean(mappingHeader + """
            activities:
              shipAndBill:
                to: [ship, bill]
              packAndLabel:
                to:
                  - pack
                  - label
              single:
                to: [one]
            """)
        #expect(file.activities.map(targets) == [["ship", "bill"], ["pack", "label"], ["one"]])
    }

    @Test func skipKeepsItsReason() throws {
        let file = try decodeClean(mappingHeader + """
            activities:
              legacyApproval:
                skip: Instances waiting here are finished by hand before the release
              other: { skip: "gone: by hand" }
              folded:
                skip: >
                  A long reason
                  over two lines
            """)
        #expect(file.activities.map(skipReason) == [
            "Instances waiting here are finished by hand before the release",
            "gone: by hand",
            "A long reason over two lines",
        ])
    }

    @Test func idsAreReadAsWritten() throws {
        let file = try decodeClean("""
            ferry: 1
            process: no
            from: 1.2
            to: 1.3
            activities:
              no: on
              off: "0012"
              0012: 1.10
              yes: true
            """)
        #expect(file.process?.value == "no")
        #expect(file.activities.map(\.source.value) == ["no", "off", "0012", "yes"])
        #expect(file.activities.map(targets) == [["on"], ["0012"], ["1.10"], ["true"]])
    }

    @Test func emptySectionsAreAllowed() throws {
        let file = try decodeClean(mappingHeader + "activities:\n  # all by identity\nvariables:\n  set:\n")
        #expect(file.activities.isEmpty)
        #expect(file.variables.isEmpty)
    }

    @Test func shortFormVariablesKeepTheirYAMLType() throws {
        let file = try decodeClean(mappingHeader + """
            variables:
              set:
                riskLevel: LOW
                quoted: "3"
                single: 'true'
                retries: 3
                negative: -12
                hex: 0x1F
                octal: 0o17
                ratio: 2.5
                tenth: 1.10
                exponent: 1e3
                approved: true
                rejected: False
                nothing: ~
                nullWord: null
                empty:
                word: no
                date: 2024-01-31
            """)
        let values = Dictionary(uniqueKeysWithValues: file.variables.map { ($0.name.value, $0.value.value) })
        #expect(values["riskLevel"] == .string("LOW"))
        #expect(values["quoted"] == .string("3"))
        #expect(values["single"] == .string("true"))
        #expect(values["retries"] == .integer(3))
        #expect(values["negative"] == .integer(-12))
        #expect(values["hex"] == .integer(31))
        #expect(values["octal"] == .integer(15))
        #expect(values["ratio"] == .float(2.5))
        #expect(values["tenth"] == .float(1.1))
        #expect(values["exponent"] == .float(1000))
        #expect(values["approved"] == .boolean(true))
        #expect(values["rejected"] == .boolean(false))
        #expect(values["nothing"] == .null)
        #expect(values["nullWord"] == .null)
        #expect(values["empty"] == .null)
        #expect(values["word"] == .string("no"))
        #expect(values["date"] == .string("2024-01-31"))
        #expect(file.variables.allSatisfy { $0.type == nil })
        #expect(file.variables.map(\.name.value).first == "riskLevel")
    }

    @Test func longFormVariablesAreTypedByTheirType() throws {
        let file = try decodeClean(mappingHeader + """
            variables:
              set:
                retentionYears: { value: 10, type: Long }
                retries: { value: "3", type: Integer }
                small: { value: -32768, type: Short }
                code: { value: 010, type: String }
                ratio: { value: 2, type: Double }
                approved: { value: true, type: Boolean }
                closedAt: { value: null, type: Null }
                due: { value: "2024-01-31T00:00:00.000+0000", type: Date }
                limits: { value: '{"max": 10}', type: Json }
                untyped: { value: 3 }
                emptyString: { value: ~, type: String }
            """)
        let values = Dictionary(uniqueKeysWithValues: file.variables.map { ($0.name.value, $0.value.value) })
        let types = Dictionary(uniqueKeysWithValues: file.variables.map { ($0.name.value, $0.type?.value) })
        #expect(values["retentionYears"] == .integer(10))
        #expect(types["retentionYears"] == "Long")
        #expect(values["retries"] == .integer(3))
        #expect(values["small"] == .integer(-32768))
        #expect(values["code"] == .string("010"))
        #expect(values["ratio"] == .float(2))
        #expect(values["approved"] == .boolean(true))
        #expect(values["closedAt"] == .null)
        #expect(values["due"] == .string("2024-01-31T00:00:00.000+0000"))
        #expect(values["limits"] == .string(#"{"max": 10}"#))
        #expect(values["untyped"] == .integer(3))
        #expect(types["untyped"] == .some(nil))
        #expect(values["emptyString"] == .null)
        let retention = try #require(file.variables.first)
        #expect((retention.value.location.start.column, retention.type?.location.start.column) == (30, 40))
    }

    @Test func theDesignExampleDecodes() throws {
        let file = try decodeClean("""
            # yaml-language-server: $schema=../../../grammar/mapping.schema.json
            ferry: 1                  # grammar version, required
            process: invoice          # process id in both definitions, required
            from: 1.2                 # minor series migrated from, required
            to: 1.3                   # minor series migrated to, required
            description: Review split into two steps     # optional

            activities:               # optional; every element not listed keeps its id (identity)
              approveInvoice: reviewInvoice              # short form  source: target
              reminderTimer:                             # long form
                to: reminderTimer
                updateEventTrigger: true                 # Camunda 7: re-create the trigger from the new model
              checkStock: preflightChecks                # several sources may share one target (merge)
              shipAndBill:
                to: [ship, bill]                         # one source to several targets (split; Joget only)
              legacyApproval:
                skip: Instances waiting here are finished by hand before the release   # not migrated; reason required

            variables:                # optional
              set:                    # process-scope variables written during migration
                riskLevel: LOW
                retries: { value: 3, type: Integer }
            """)
        #expect(file.activities.count == 5)
        #expect(file.variables.count == 2)
        #expect(skipReason(file.activities.last) == "Instances waiting here are finished by hand before the release")
    }
}
