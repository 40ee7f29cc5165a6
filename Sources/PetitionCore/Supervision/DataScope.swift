/// Whose cases a user may take in bulk — an export, the statistics, the annual report — and how
/// masked (decision 0031). The regulation is silent on exports; Art 30 (the accuser kept from the
/// accused) and REGULATION.md's "Personal data" (lists and exports masked unless the role needs
/// them) decide it, read as a careful bureau would — each office gets what its work needs:
///
/// - The petition bureau's clerks and handlers register and send on every case of the
///   jurisdiction and must reach petitioners: their export holds every case, unmasked.
/// - A supervisor sees every case, masked (`PersonalData.masked`).
/// - Everyone else — the bureau's own head, an administrator, a trainee, and any clerk, handler
///   or head of another organ — exports masked, never less than a supervisor of the district.
/// - Staff of an organ other than a petition bureau take only their own organ's cases — the cases
///   it holds, as its head's desk counts them (`isOnDesk`) — and their statistics default to their
///   organ's jurisdiction, as the desk does.
package enum DataScope {
    /// The organ the actor's exports are confined to, and their statistics default to; nil: the
    /// whole jurisdiction.
    package static func organ(of actor: Actor, directory: Directory) -> OrganCode? {
        switch actor.role {
        case .supervisor, .administrator, .trainee: return nil
        case .clerk, .handler, .organHead:
            return directory[actor.organ]?.type == .petitionBureau ? nil : actor.organ
        }
    }

    /// Whether the actor's exports show names, identity numbers and phones masked and addresses withheld.
    package static func masksExport(for actor: Actor, directory: Directory) -> Bool {
        !((actor.role == .clerk || actor.role == .handler) && directory[actor.organ]?.type == .petitionBureau)
    }
}

extension CaseState {
    /// Whether the case is on `organ`'s own desk: the organ holds it. An organ head's desk, the
    /// queue's organ counters and an organ's export all count this.
    package func isOnDesk(of organ: OrganCode) -> Bool { holder == organ }
}
