/// How an agent reaches a customer.
public enum Channel: String, Codable, CaseIterable, Sendable {
    case visit, call, sms, email, letter
}
