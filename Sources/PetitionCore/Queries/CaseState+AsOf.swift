extension CaseState {
    /// The case as it stood at the end of `day`: its events that had taken effect by then
    /// (`effectiveDay`: a reply delivered on the 10th and recorded on the 20th counts on the
    /// 15th), replayed in log order. Nil when the case had not been received by then. The
    /// statistics' as-of day (docs/statistics.md): an event after it does not count.
    package static func asOf(_ day: Day, number: CaseNumber, events: [CaseEvent]) -> CaseState? {
        let standing = events.filter { effectiveDay($0) <= day }
        guard standing.contains(where: { if case .registered = $0.body { true } else { false } }) else { return nil }
        return Workflow.replay(number, standing)
    }

    /// Whether every step of the case was recorded by the end of `day` (so the case as of
    /// that day is the case as it is: effective days are never after recording days).
    package func recorded(by day: Day) -> Bool {
        steps.allSatisfy { Day($0.at) <= day }
    }
}
