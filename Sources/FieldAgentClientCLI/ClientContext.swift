import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync
import Foundation

/// What every `fieldagent` command gets: the home directory, output, the clock and the policy.
struct ClientContext: Sendable {
    var home: String
    var console: Console
    var terminal: Terminal
    var now: @Sendable () -> Instant
    var policy: PolicyConfiguration

    /// Opens the agent's home; a missing home is an error pointing at `fieldagent init`, and so is a
    /// home the back office had wiped, unless `allowWiped` (`sync`, which reports the wipe).
    func openHome(allowWiped: Bool = false) throws -> AgentHome {
        let opened = try AgentHome.open(at: home, now: now)
        if !allowWiped, let lost = opened.wipedLoss {
            opened.close()
            throw AgentHomeError.wiped(lostChanges: lost)
        }
        if let notice = opened.replica.repairNotice { console.err("warning: \(notice)") }
        if let clock = opened.clockWarning { console.err("warning: \(clock)") }
        return opened
    }

    /// Today's date on this device's clock, in its local time zone.
    var today: LocalDate {
        TimeZoneClock(identifier: TimeZone.current.identifier).wallTime(at: now()).date
    }

    /// Policy input for every visible customer.
    func policyCustomers(_ home: AgentHome) -> [PolicyCustomer] {
        home.customers().map { c in
            PolicyCustomer(
                customer: c, contacts: home.contacts(customer: c.id), promises: home.promises(customer: c.id),
                notes: home.notes(customer: c.id))
        }
    }
}
