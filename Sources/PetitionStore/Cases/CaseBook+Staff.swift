import PetitionCore

/// The staff of a log, from its staff records (docs/decisions/0016-staff.md): who may
/// act, and the changes an administrator makes, under the log's lock like every command.
extension CaseBook {
    /// The staff as every staff record read so far leaves it.
    package var staff: Staff { staffBeforeSnapshot.applying(log.staffChanges) }

    /// Whether the log keeps its staff as records (every log `init` makes since they
    /// exist); an older log's users are still read from the roster file beside it.
    package var keepsStaff: Bool { !staff.members.isEmpty }

    /// Who acts, as the staff records before this command leave them: the role and
    /// organ of the account now, not when the console was opened or the command typed;
    /// an account no longer on the staff acts no more. On a log without staff records,
    /// `actor` as given.
    func acting(_ actor: Actor) throws(Rejection) -> Actor {
        let staff = staff
        guard !staff.members.isEmpty else { return actor }
        guard let current = staff.actor(actor.user) else { throw Rejection(.notStaff, ["user": actor.user]) }
        return current
    }

    /// Records staff changes, all or none, in one sync, each decided against the staff the
    /// ones before it leave (`Staff.decide`): an administrator (or the log's owner) changes
    /// the staff; roles and organs must exist; one entry per account; no trainee on a
    /// production log; someone always left to manage it.
    package func changeStaff(_ changes: [StaffChange], directory: Directory) throws {
        let training = mode == .training
        _ = try log.transact { new in
            try self.fold(new)
            var staff = self.staff
            for change in changes {
                try staff.decide(change, directory: directory, training: training)
                staff.apply(change)
            }
            return changes.map(LogRecord.staff)
        }
    }
}
