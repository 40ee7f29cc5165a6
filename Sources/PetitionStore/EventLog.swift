import PetitionCore

/// The append-only log of events, whatever holds it: a file, memory, later a database.
package protocol EventLog: AnyObject {
    var header: LogHeader { get }
    /// Every event in log order.
    func readAll() throws(StoreError) -> [CaseEvent]
    /// Appends the events as one commit, assigning their sequence numbers, and
    /// returns them as stored. Either all are durable when this returns, or it throws
    /// and none were written.
    func append(_ events: [CaseEvent]) throws(StoreError) -> [CaseEvent]
}

/// The in-memory twin of the file log, for tests and the training sandbox.
package final class InMemoryEventLog: EventLog {
    package let header: LogHeader
    package private(set) var events: [CaseEvent] = []

    package init(header: LogHeader, events: [CaseEvent] = []) {
        self.header = header
        self.events = events
    }

    package func readAll() throws(StoreError) -> [CaseEvent] { events }

    package func append(_ new: [CaseEvent]) throws(StoreError) -> [CaseEvent] {
        var stored: [CaseEvent] = []
        for var event in new {
            event.seq = (events.last?.seq ?? 0) + 1
            events.append(event)
            stored.append(event)
        }
        return stored
    }
}
