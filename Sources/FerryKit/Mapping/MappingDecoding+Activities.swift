import FerryDiagnostics
import FerrySyntax

/// `activities:`: source id → target id (short form), or the long form with `to`,
/// `updateEventTrigger` and `skip`.
extension MappingDecoding {
    mutating func decodeActivities(_ node: YAMLNode, key: YAMLScalar) -> [MappingEntry] {
        if case .scalar(let scalar) = node, scalar.isNull { return [] }
        guard case .mapping(let mapping) = node else {
            reportWrongShape(
                expected: "a mapping of source ids to targets", subject: "'activities'", found: node, key: key,
                help: "write one `sourceId: targetId` per line under `activities:`, without `- `"
            )
            return []
        }
        return mapping.entries.compactMap { decodeEntry($0) }
    }

    /// One entry; `nil` when it says nothing usable (every reason has been reported). An entry
    /// with a problem but a clear intent (a skip without a reason) is kept, so later stages do not
    /// report the same element again as uncovered.
    private mutating func decodeEntry(_ entry: YAMLMapping.Entry) -> MappingEntry? {
        let name = MappingText.abbreviated(entry.key.value)
        let source = readText(
            entry.key, at: entry.key.range,
            empty: "empty source id in 'activities'",
            emptyHelp: "write the id of the element in the older definition"
        )
        let action: MappingEntry.Action?
        switch entry.value {
        case .scalar(let scalar) where Self.isTodo(scalar):
            action = todo(scalar, source: name)
        case .scalar(let scalar):
            let target = readText(
                scalar, at: anchor(key: entry.key, value: entry.value),
                empty: "entry '\(name)' has no target",
                emptyHelp: "write the target id (`\(name): <target id>`), or `skip: <reason>` to leave these instances on the old version"
            )
            action = target.map { .map(targets: [$0], updateEventTrigger: nil) }
        case .sequence:
            reportWrongShape(
                expected: "a target id or a mapping with 'to' or 'skip'", subject: "entry '\(name)'", found: entry.value, key: entry.key,
                help: "a split to several targets is written in the long form: `to: [a, b]`"
            )
            action = nil
        case .mapping(let longForm):
            action = decodeLongForm(longForm, source: entry.key)
        }
        guard let source, let action else { return nil }
        return MappingEntry(source: source, action: action, location: location(entry.key.range.union(entry.value.range)))
    }

    private mutating func decodeLongForm(_ mapping: YAMLMapping, source: YAMLScalar) -> MappingEntry.Action? {
        let name = MappingText.abbreviated(source.value)
        var to: YAMLMapping.Entry?
        var skip: YAMLMapping.Entry?
        var trigger: YAMLMapping.Entry?
        for entry in mapping.entries {
            switch entry.key.value {
            case "to": to = entry
            case "skip": skip = entry
            case "updateEventTrigger": trigger = entry
            default: reportUnknownKey(entry.key, among: MappingDecoder.entryKeys, place: "in entry '\(name)'")
            }
        }
        let targets = to.flatMap { decodeTargets($0, source: name) }
        let updateEventTrigger = trigger.flatMap { decodeTrigger($0) }
        let reason = skip.map { decodeReason($0, source: name) }

        if let to, let skip {
            report(
                .mappingMapAndSkip,
                "entry '\(name)' has both 'to' and 'skip'",
                at: skip.key.range,
                notes: [Note("'to' is here", at: location(to.key.range))],
                help: "an entry either moves its instances (`to`) or leaves them on the old version (`skip`); keep one"
            )
        } else if let trigger, let skip {
            report(
                .mappingTriggerOnSkip,
                "'updateEventTrigger' has no effect: entry '\(name)' is skipped",
                at: trigger.key.range,
                notes: [Note("skipped here", at: location(skip.key.range))],
                help: "remove 'updateEventTrigger', or replace 'skip' with 'to' if the element is migrated"
            )
        }
        if to == nil, skip == nil {
            report(
                .mappingMissingKey,
                "entry '\(name)' needs 'to' or 'skip'",
                at: source.range,
                help: "`to: <target id>` moves the instances; `skip: <reason>` leaves them on the old version"
            )
        }
        // With both keys, the entry reads as skipped until it is fixed: nothing is migrated by
        // mistake, and the element is not reported again as uncovered.
        if let reason { return .skip(reason: reason) }
        if let to, case .scalar(let scalar) = to.value, Self.isTodo(scalar) { return todo(scalar, source: name) }
        guard let targets, !targets.isEmpty else { return nil }
        return .map(targets: targets, updateEventTrigger: updateEventTrigger)
    }

    /// A target or reason still reading `TODO`, as `ferry new` writes where it cannot tell.
    static func isTodo(_ scalar: YAMLScalar) -> Bool {
        scalar.isResolvedByContent && scalar.value == "TODO"
    }

    /// Reports an unanswered `TODO`. The entry reads as skipped until it is answered, so that
    /// nothing is migrated by mistake and the element is not reported again as uncovered.
    private mutating func todo(_ scalar: YAMLScalar, source name: String) -> MappingEntry.Action {
        report(
            .mappingTodo,
            "entry '\(name)' is still TODO",
            at: scalar.range,
            help: "write the id of the element in the newer definition where these instances continue (the comments above list candidates), or `{ skip: <reason> }`"
        )
        return .skip(reason: Located("", at: location(scalar.range)))
    }

    /// `to:` as one id or a list of ids; `nil` when nothing usable was written.
    private mutating func decodeTargets(_ entry: YAMLMapping.Entry, source name: String) -> [Located<String>]? {
        switch entry.value {
        case .scalar(let scalar):
            return readText(
                scalar, at: anchor(key: entry.key, value: entry.value),
                empty: "'to' in entry '\(name)' is empty",
                emptyHelp: "write the target id, or replace 'to' with `skip: <reason>`"
            ).map { [$0] }
        case .mapping:
            reportWrongShape(expected: "a target id or a list of target ids", subject: "'to' in entry '\(name)'", found: entry.value, key: entry.key)
            return nil
        case .sequence(let sequence):
            guard !sequence.items.isEmpty else {
                report(
                    .mappingEmptyTargets,
                    "empty target list in entry '\(name)'",
                    at: sequence.range,
                    help: "name at least one target (`to: [ship, bill]`), or write `skip: <reason>` to leave these instances on the old version"
                )
                return nil
            }
            var targets: [Located<String>] = []
            for item in sequence.items {
                guard case .scalar(let scalar) = item else {
                    reportWrongShape(expected: "a target id", subject: "an item of 'to' in entry '\(name)'", found: item, key: nil)
                    continue
                }
                guard let target = readText(scalar, at: scalar.range, empty: "empty target id in entry '\(name)'", emptyHelp: "write the target id, or remove the item") else {
                    continue
                }
                if let first = targets.first(where: { $0.value == target.value }) {
                    report(
                        .mappingDuplicateTarget,
                        "target '\(MappingText.abbreviated(target.value))' is listed twice in entry '\(name)'",
                        at: scalar.range,
                        notes: [Note("first listed here", at: first.location)],
                        help: "remove the repeated id"
                    )
                    continue
                }
                targets.append(target)
            }
            return targets
        }
    }

    /// `updateEventTrigger:`, `true` or `false` exactly (YAML 1.2, lower case, unquoted).
    private mutating func decodeTrigger(_ entry: YAMLMapping.Entry) -> Located<Bool>? {
        guard case .scalar(let scalar) = entry.value else {
            reportWrongShape(expected: "true or false", subject: "'updateEventTrigger'", found: entry.value, key: entry.key)
            return nil
        }
        if scalar.isResolvedByContent, scalar.value == "true" || scalar.value == "false" {
            return Located(scalar.value == "true", at: location(scalar.range))
        }
        let text = scalar.value
        let word = text.lowercased()
        let meant = ["true", "yes", "y", "on"].contains(word) ? "true" : ["false", "no", "n", "off"].contains(word) ? "false" : nil
        let help: String
        if scalar.isNull, text.isEmpty {
            help = "write `updateEventTrigger: true`, or remove the key (the default is false)"
        } else if !scalar.isResolvedByContent, let meant {
            help = "remove the quotes: a quoted value is text; write `updateEventTrigger: \(meant)`"
        } else if let meant {
            help = "YAML 1.2 booleans are `true` and `false` only, in lower case; '\(text)' is text here: write `updateEventTrigger: \(meant)`"
        } else {
            help = "write `updateEventTrigger: true` or `updateEventTrigger: false`"
        }
        report(
            .mappingInvalidBoolean,
            "'updateEventTrigger' must be true or false, found \(MappingText.describe(entry.value))",
            at: anchor(key: entry.key, value: entry.value),
            help: help
        )
        return nil
    }

    /// `skip:`'s reason. Always returns a value (empty when missing, after reporting it): the
    /// entry's intent, not migrating, is clear either way.
    private mutating func decodeReason(_ entry: YAMLMapping.Entry, source name: String) -> Located<String> {
        guard case .scalar(let scalar) = entry.value else {
            reportWrongShape(expected: "a reason (text)", subject: "'skip' in entry '\(name)'", found: entry.value, key: entry.key)
            return Located("", at: location(entry.value.range))
        }
        if Self.isTodo(scalar) {
            report(
                .mappingTodo,
                "the reason for skipping entry '\(name)' is still TODO",
                at: scalar.range,
                help: "write why these instances are not migrated and what happens to them"
            )
            return Located("", at: location(scalar.range))
        }
        if scalar.isNull || scalar.value.allSatisfy(\.isWhitespace) {
            report(
                .mappingSkipWithoutReason,
                "'skip' in entry '\(name)' has no reason",
                at: anchor(key: entry.key, value: entry.value),
                help: "write why these instances are not migrated and what happens to them, for example `skip: finished by hand on the old version before the release`"
            )
            return Located("", at: location(anchor(key: entry.key, value: entry.value)))
        }
        return Located(scalar.value, at: location(scalar.range))
    }
}
