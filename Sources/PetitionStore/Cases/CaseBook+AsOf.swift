import PetitionCore

extension CaseBook {
    /// Every case as it stood at the end of `day` (`CaseState.asOf`): a case changed after
    /// it is replayed from its events that had taken effect by then; one received after it
    /// is left out. The statistics' and the annual report's `--as-of`.
    package func cases(asOf day: Day) throws(StoreError) -> [CaseState] {
        var result: [CaseState] = []
        result.reserveCapacity(states.count)
        for state in states {
            if state.recorded(by: day) {
                result.append(state)
            } else if let then = CaseState.asOf(day, number: state.number, events: try history(of: state)) {
                result.append(then)
            }
        }
        return result
    }
}
