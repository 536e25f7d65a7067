/// What came of a contact attempt.
public enum ContactOutcome: String, Codable, CaseIterable, Sendable {
    case rightPartyContact = "right-party-contact"
    case noAnswer = "no-answer"
    case wrongNumber = "wrong-number"
    case leftMessage = "left-message"
    case promiseToPay = "promise-to-pay"
    case paymentTaken = "payment-taken"
    case dispute, refused
    case callbackRequested = "callback-requested"
    case complaint

    /// Outcomes in which the agent spoke with the customer themself.
    public var isRightPartyContact: Bool {
        switch self {
        case .rightPartyContact, .promiseToPay, .paymentTaken, .dispute, .refused, .callbackRequested, .complaint:
            return true
        case .noAnswer, .wrongNumber, .leftMessage:
            return false
        }
    }
}
