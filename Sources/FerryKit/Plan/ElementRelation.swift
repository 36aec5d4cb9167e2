/// Where instances resting in one element of a version end up in a later version.
public enum ElementImage: Sendable, Hashable {
    /// Moved to these elements: one, or several for a Joget split, ordered by id (so that a
    /// target reached on several paths has one place whatever the grouping of the composition).
    case mapped([Destination])
    /// Not migrated: a `skip` on the way. Boxed: a skip is rare and large (its reason, step and
    /// steps, 112 bytes), and unboxed it would make every image of a relation as large; boxed,
    /// an image is one word, and a relation's table a sixth of the size.
    indirect case skipped(Skip)

    /// One element an instance moves to, with the explicit steps that took it there.
    public struct Destination: Sendable, Hashable {
        public var target: String
        /// Re-create the element's event trigger from the newer model (Camunda 7).
        public var updateEventTrigger: Bool
        public var via: Provenance

        public init(target: String, updateEventTrigger: Bool = false, via: Provenance = Provenance()) {
            self.target = target
            self.updateEventTrigger = updateEventTrigger
            self.via = via
        }
    }

    /// A `skip` met on the way, with its reason and the steps up to and including it.
    public struct Skip: Sendable, Hashable {
        public var reason: String
        /// The `skip` entry.
        public var step: PlanStep
        /// Every explicit step from the source version, ending with `step`.
        public var via: Provenance

        public init(reason: String, step: PlanStep, via: Provenance) {
            self.reason = reason
            self.step = step
            self.via = via
        }

        /// The skip an instance meets first; on a tie (a split whose branches are skipped in one
        /// hop), the one written first, then the one reached by the earlier steps.
        static func first(_ lhs: Skip, _ rhs: Skip) -> Skip {
            if lhs.step != rhs.step { return lhs.step < rhs.step ? lhs : rhs }
            return Provenance.precedes(rhs.via, lhs.via) ? rhs : lhs
        }
    }
}

/// A migration between two versions of one process as a relation over element identities
/// (DESIGN.md §3.2): every element id of the older version that instances can be moved from, with
/// its image in the newer version. An id absent from the relation is not carried: its element was
/// removed, or changed type, with no mapping to move it.
///
/// A hop's relation is its mapping file's entries plus identity for every other element that
/// keeps its id and type. Relations compose (`then`): an element follows its destinations into
/// the next relation, so an id removed in one version and added again later is never chained
/// through (it is absent in between), a target that was also a source in the previous version
/// keeps both instructions, and several sources merged into one element all follow it.
public struct ElementRelation: Sendable, Hashable {
    public var images: [String: ElementImage]

    public init(images: [String: ElementImage] = [:]) {
        self.images = images
    }

    /// Every id to itself: nothing moves, nothing is skipped.
    public static func identity(over ids: some Sequence<String>) -> ElementRelation {
        var images: [String: ElementImage] = [:]
        for id in ids { images[id] = .mapped([ElementImage.Destination(target: id)]) }
        return ElementRelation(images: images)
    }

    /// The relation of one hop (DESIGN.md §3.1): the mapping file's entries (a minor hop), and
    /// identity for every other element whose id the newer version keeps with a type the engine
    /// accepts. Like a hop's own identity instructions, an identity or explicit instruction of a
    /// conditional event updates its trigger unless the entry says otherwise.
    ///
    /// Unlike the hop's validation, it relates every element, not only those that hold state in
    /// the older version: what instances can hold is decided once, at the source of a composed plan.
    public init(hop: Hop) {
        self.init(hop: hop, newer: MigrationSpec.index(hop.to))
    }

    /// The relation of one hop, with the newer version's elements already indexed by id.
    init(hop: Hop, newer: [String: FlowElement]) {
        self.init(hop: hop, newer: newer, then: nil)
    }

    /// The relation of one hop followed by `next` (when given) in one pass: what composing every
    /// source backwards from the target does once per version, without building the hop's own
    /// relation first.
    init(hop: Hop, newer: [String: FlowElement], then next: ElementRelation?) {
        let across = HopImages(hop: hop, newer: newer)
        var images: [String: ElementImage] = [:]
        images.reserveCapacity(hop.from.elements.count)
        for element in hop.from.elements where images[element.id] == nil {
            let image: ElementImage
            switch across.image(of: element) {
            case nil:
                continue
            case .kept(let updateEventTrigger):
                // Most elements keep their id across most hops; followed by `next`, such an
                // element's image is its own id's image in `next`, shared rather than rebuilt.
                if let next, !updateEventTrigger {
                    if let following = next.images[element.id] { images[element.id] = following }
                    continue
                }
                image = .mapped([ElementImage.Destination(target: element.id, updateEventTrigger: updateEventTrigger)])
            case .moved(let moved):
                image = moved
            }
            if let next {
                if let composed = Self.compose(image, next) { images[element.id] = composed }
            } else {
                images[element.id] = image
            }
        }
        self.images = images
    }

    /// An element's image across one hop.
    private enum HopImage {
        /// Identity: the newer version has an element of the same id and a type the engine accepts.
        case kept(updateEventTrigger: Bool)
        /// The mapping file moves or skips it.
        case moved(ElementImage)
    }

    /// What one hop needs to give an element its image, taken from the hop once (a `Hop` holds
    /// two definitions and a mapping file; nothing per element should copy it).
    private struct HopImages {
        let engine: Engine
        let from: SemanticVersion
        let to: SemanticVersion
        let file: String
        let listed: [String: MappingEntry]
        let newer: [String: FlowElement]

        init(hop: Hop, newer: [String: FlowElement]) {
            engine = hop.from.engine
            from = hop.from.version ?? PlanStep.unversioned
            to = hop.to.version ?? PlanStep.unversioned
            file = hop.mapping?.path ?? hop.to.file
            var listed: [String: MappingEntry] = [:]
            for entry in hop.mapping?.activities ?? [] where listed[entry.source.value] == nil {
                listed[entry.source.value] = entry
            }
            self.listed = listed
            self.newer = newer
        }

        /// One element's image across the hop: its entry in the mapping file, else identity when
        /// the newer version keeps its id with a type the engine accepts, else none.
        func image(of element: FlowElement) -> HopImage? {
            guard let entry = listed[element.id] else {
                guard let counterpart = newer[element.id],
                      SameTypeRule.incompatibility(element, counterpart, engine: engine) == nil else { return nil }
                return .kept(updateEventTrigger: element.eventDefinition == .conditional)
            }
            let position = entry.source.location.start
            let step = PlanStep(from: from, to: to, file: file, line: position.line, column: position.column, entry: entry)
            switch entry.action {
            case .skip(let reason):
                return .moved(.skipped(ElementImage.Skip(reason: reason.value, step: step, via: Provenance([step]))))
            case .map(let targets, let update):
                var destinations: [ElementImage.Destination] = []
                for target in targets where newer[target.value] != nil && !destinations.contains(where: { $0.target == target.value }) {
                    destinations.append(ElementImage.Destination(
                        target: target.value,
                        updateEventTrigger: update?.value ?? (element.eventDefinition == .conditional),
                        via: Provenance([step])
                    ))
                }
                return destinations.isEmpty ? nil : .moved(.mapped(destinations.sorted(by: ElementRelation.byTarget)))
            }
        }
    }

    /// The relation that first follows this one, then `next`.
    ///
    /// A destination `next` does not carry is dropped; an element with no destination left is not
    /// carried. A skip on any path skips the element (its instances cannot be moved whole), with
    /// the first skip met. A target reached on several paths (a split whose branches merge again)
    /// appears once, with the steps of every path and the trigger updated if any path updates it.
    public func then(_ next: ElementRelation) -> ElementRelation {
        var images: [String: ElementImage] = [:]
        images.reserveCapacity(self.images.count)
        for (id, image) in self.images {
            if let composed = Self.compose(image, next) { images[id] = composed }
        }
        return ElementRelation(images: images)
    }

    /// One element's image followed into `next`.
    static func compose(_ image: ElementImage, _ next: ElementRelation) -> ElementImage? {
        guard case .mapped(let destinations) = image else { return image }
        var skip: ElementImage.Skip?
        var result: [ElementImage.Destination] = []
        for destination in destinations {
            guard let following = next.images[destination.target] else { continue }
            switch following {
            case .skipped(let later):
                let candidate = ElementImage.Skip(reason: later.reason, step: later.step, via: destination.via.followed(by: later.via))
                skip = skip.map { ElementImage.Skip.first($0, candidate) } ?? candidate
            case .mapped(let onward):
                for end in onward {
                    let via = destination.via.followed(by: end.via)
                    let update = destination.updateEventTrigger || end.updateEventTrigger
                    if let index = result.firstIndex(where: { $0.target == end.target }) {
                        result[index].via = result[index].via.union(via)
                        result[index].updateEventTrigger = result[index].updateEventTrigger || update
                    } else {
                        result.append(ElementImage.Destination(target: end.target, updateEventTrigger: update, via: via))
                    }
                }
            }
        }
        if let skip { return .skipped(skip) }
        return result.isEmpty ? nil : .mapped(result.count > 1 ? result.sorted(by: byTarget) : result)
    }

    static func byTarget(_ lhs: ElementImage.Destination, _ rhs: ElementImage.Destination) -> Bool {
        lhs.target.utf8.lexicographicallyPrecedes(rhs.target.utf8)
    }
}
