/// The demo's portfolio, embedded so `fieldagent demo` runs anywhere: a copy of
/// `Fixtures/portfolio-small.json` (a test checks the two are identical).
enum DemoPortfolio {
    static let json = #"""
        {
          "customers": [
            {
              "id": "C-1001",
              "name": "Aino Esimerkki",
              "phone": "+358400001001",
              "email": "customer1001@example.invalid",
              "address": "Esimerkkikatu 31, Tampere",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "sms",
              "contactWindow": "17:00-19:00",
              "flags": [],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1001-1",
                  "creditor": "Kauppa Oy",
                  "currency": "EUR",
                  "balance": 45000,
                  "installments": [
                    {
                      "due": "2025-12-15",
                      "amount": 2500,
                      "paid": "2025-12-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-01-15",
                      "amount": 2500,
                      "paid": "2026-01-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-02-15",
                      "amount": 2500,
                      "paid": "2026-02-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-03-15",
                      "amount": 2500,
                      "paid": "2026-03-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-04-15",
                      "amount": 2500,
                      "paid": "2026-04-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-05-15",
                      "amount": 2500,
                      "paid": "2026-05-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-06-15",
                      "amount": 2500,
                      "paid": "2026-06-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-07-15",
                      "amount": 2500,
                      "paid": "2026-07-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-08-15",
                      "amount": 2500,
                      "paid": "2026-08-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-09-15",
                      "amount": 2500,
                      "paid": "2026-09-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-10-15",
                      "amount": 2500,
                      "paid": "2026-10-15",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-11-15",
                      "amount": 2500
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1002",
              "name": "Max Mustermann-Test",
              "phone": "+49150001002",
              "email": "customer1002@example.invalid",
              "address": "Musterstraße 32, Berlin",
              "language": "de",
              "timeZone": "Europe/Berlin",
              "preferredChannel": "email",
              "contactWindow": "09:00-11:00",
              "flags": [],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1002-1",
                  "creditor": "Beispiel Versand GmbH",
                  "currency": "EUR",
                  "balance": 36000,
                  "installments": [
                    {
                      "due": "2025-12-01",
                      "amount": 3000,
                      "paid": "2025-12-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-01-01",
                      "amount": 3000,
                      "paid": "2026-01-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-02-01",
                      "amount": 3000,
                      "paid": "2026-02-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-03-01",
                      "amount": 3000,
                      "paid": "2026-03-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-04-01",
                      "amount": 3000,
                      "paid": "2026-04-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-05-01",
                      "amount": 3000,
                      "paid": "2026-05-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-06-01",
                      "amount": 3000,
                      "paid": "2026-06-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-07-01",
                      "amount": 3000,
                      "paid": "2026-07-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-08-01",
                      "amount": 3000,
                      "paid": "2026-08-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-09-01",
                      "amount": 3000,
                      "paid": "2026-09-01",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-10-01",
                      "amount": 3000,
                      "paid": "2026-10-12",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-11-01",
                      "amount": 3000,
                      "paid": "2026-11-01",
                      "paidAmount": 3000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1003",
              "name": "Jane Placeholder",
              "phone": "+12125550001003",
              "email": "customer1003@example.invalid",
              "address": "Sample Street 33, Brooklyn, NY",
              "language": "en",
              "timeZone": "America/New_York",
              "preferredChannel": "call",
              "contactWindow": "18:00-20:00",
              "flags": [],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1003-1",
                  "creditor": "Example Bank Inc",
                  "currency": "USD",
                  "balance": 60000,
                  "installments": [
                    {
                      "due": "2025-12-20",
                      "amount": 5000,
                      "paid": "2025-12-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-01-20",
                      "amount": 5000,
                      "paid": "2026-01-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-02-20",
                      "amount": 5000,
                      "paid": "2026-02-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-03-20",
                      "amount": 5000,
                      "paid": "2026-03-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-04-20",
                      "amount": 5000,
                      "paid": "2026-04-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-05-20",
                      "amount": 5000,
                      "paid": "2026-05-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-06-20",
                      "amount": 5000,
                      "paid": "2026-06-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-07-20",
                      "amount": 5000,
                      "paid": "2026-07-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-08-20",
                      "amount": 5000,
                      "paid": "2026-08-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-09-20",
                      "amount": 5000,
                      "paid": "2026-09-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-10-20",
                      "amount": 5000,
                      "paid": "2026-10-20",
                      "paidAmount": 5000
                    },
                    {
                      "due": "2026-11-20",
                      "amount": 5000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1004",
              "name": "Matti Testinen",
              "phone": "+358400001004",
              "email": "customer1004@example.invalid",
              "address": "Esimerkkikatu 34, Tampere",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "visit",
              "contactWindow": "10:00-14:00",
              "flags": [],
              "agents": [
                "alice",
                "bob"
              ],
              "accounts": [
                {
                  "id": "A-1004-1",
                  "creditor": "Kauppa Oy",
                  "currency": "EUR",
                  "balance": 24000,
                  "installments": [
                    {
                      "due": "2025-12-05",
                      "amount": 2000,
                      "paid": "2025-12-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-01-05",
                      "amount": 2000,
                      "paid": "2026-01-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-02-05",
                      "amount": 2000,
                      "paid": "2026-02-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-03-05",
                      "amount": 2000,
                      "paid": "2026-03-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-04-05",
                      "amount": 2000,
                      "paid": "2026-04-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-05-05",
                      "amount": 2000,
                      "paid": "2026-05-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-06-05",
                      "amount": 2000,
                      "paid": "2026-06-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-07-05",
                      "amount": 2000,
                      "paid": "2026-07-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-08-05",
                      "amount": 2000,
                      "paid": "2026-08-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-09-05",
                      "amount": 2000,
                      "paid": "2026-09-20",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-10-05",
                      "amount": 2000,
                      "paid": "2026-10-05",
                      "paidAmount": 2000
                    },
                    {
                      "due": "2026-11-05",
                      "amount": 2000,
                      "paid": "2026-11-05",
                      "paidAmount": 2000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1005",
              "name": "Liisa Kokeilu",
              "phone": "+358400001005",
              "email": "customer1005@example.invalid",
              "address": "Esimerkkikatu 35, Tampere",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "call",
              "contactWindow": "12:00-16:00",
              "flags": [],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1005-1",
                  "creditor": "Rahoitus Oy",
                  "currency": "EUR",
                  "balance": 180000,
                  "installments": [
                    {
                      "due": "2025-12-10",
                      "amount": 10000,
                      "paid": "2025-12-30",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-01-10",
                      "amount": 10000,
                      "paid": "2026-01-10",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-02-10",
                      "amount": 10000,
                      "paid": "2026-03-17",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-03-10",
                      "amount": 10000,
                      "paid": "2026-03-10",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-04-10",
                      "amount": 10000,
                      "paid": "2026-04-22",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-05-10",
                      "amount": 10000,
                      "paid": "2026-05-10",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-06-10",
                      "amount": 10000,
                      "paid": "2026-07-20",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-07-10",
                      "amount": 10000,
                      "paid": "2026-08-04",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-08-10",
                      "amount": 10000,
                      "paid": "2026-08-10",
                      "paidAmount": 10000
                    },
                    {
                      "due": "2026-09-10",
                      "amount": 10000
                    },
                    {
                      "due": "2026-10-10",
                      "amount": 10000
                    },
                    {
                      "due": "2026-11-10",
                      "amount": 10000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1006",
              "name": "Erika Beispiel",
              "phone": "+49150001006",
              "email": "customer1006@example.invalid",
              "address": "Probeweg 36, Hamburg",
              "language": "de",
              "timeZone": "Europe/Berlin",
              "preferredChannel": "sms",
              "flags": [],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1006-1",
                  "creditor": "Beispiel Versand GmbH",
                  "currency": "EUR",
                  "balance": 72000,
                  "installments": [
                    {
                      "due": "2026-06-01",
                      "amount": 12000
                    },
                    {
                      "due": "2026-07-01",
                      "amount": 12000
                    },
                    {
                      "due": "2026-08-01",
                      "amount": 12000
                    },
                    {
                      "due": "2026-09-01",
                      "amount": 12000
                    },
                    {
                      "due": "2026-10-01",
                      "amount": 12000
                    },
                    {
                      "due": "2026-11-01",
                      "amount": 12000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1007",
              "name": "John Sample",
              "phone": "+12125550001007",
              "email": "customer1007@example.invalid",
              "address": "Example Avenue 37, Queens, NY",
              "language": "en",
              "timeZone": "America/New_York",
              "preferredChannel": "call",
              "contactWindow": "08:00-10:00",
              "flags": [],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1007-1",
                  "creditor": "Example Bank Inc",
                  "currency": "USD",
                  "balance": 40000,
                  "installments": [
                    {
                      "due": "2025-11-25",
                      "amount": 4000,
                      "paid": "2025-11-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2025-12-25",
                      "amount": 4000,
                      "paid": "2025-12-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-01-25",
                      "amount": 4000,
                      "paid": "2026-02-04",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-02-25",
                      "amount": 4000,
                      "paid": "2026-02-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-03-25",
                      "amount": 4000,
                      "paid": "2026-04-04",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-04-25",
                      "amount": 4000,
                      "paid": "2026-04-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-05-25",
                      "amount": 4000,
                      "paid": "2026-06-04",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-06-25",
                      "amount": 4000,
                      "paid": "2026-06-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-07-25",
                      "amount": 4000,
                      "paid": "2026-07-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-08-25",
                      "amount": 4000,
                      "paid": "2026-09-04",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-09-25",
                      "amount": 4000,
                      "paid": "2026-09-25",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-10-25",
                      "amount": 4000,
                      "paid": "2026-10-25",
                      "paidAmount": 4000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1008",
              "name": "Mary Fictional",
              "phone": "+13125550001008",
              "email": "customer1008@example.invalid",
              "address": "Demo Drive 38, Chicago, IL",
              "language": "en",
              "timeZone": "America/Chicago",
              "preferredChannel": "sms",
              "contactWindow": "19:00-21:00",
              "flags": [],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1008-1",
                  "creditor": "Example Card Co",
                  "currency": "USD",
                  "balance": 30000,
                  "installments": [
                    {
                      "due": "2026-01-20",
                      "amount": 3000,
                      "paid": "2026-01-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-02-20",
                      "amount": 3000,
                      "paid": "2026-02-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-03-20",
                      "amount": 3000,
                      "paid": "2026-03-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-04-20",
                      "amount": 3000,
                      "paid": "2026-04-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-05-20",
                      "amount": 3000,
                      "paid": "2026-05-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-06-20",
                      "amount": 3000,
                      "paid": "2026-06-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-07-20",
                      "amount": 3000,
                      "paid": "2026-07-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-08-20",
                      "amount": 3000,
                      "paid": "2026-08-20",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-09-20",
                      "amount": 3000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1009",
              "name": "Helmi Malli",
              "phone": "+358400001009",
              "email": "customer1009@example.invalid",
              "address": "Esimerkkikatu 39, Turku",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "visit",
              "contactWindow": "13:00-15:00",
              "flags": [
                "vulnerable"
              ],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1009-1",
                  "creditor": "Rahoitus Oy",
                  "currency": "EUR",
                  "balance": 54000,
                  "installments": [
                    {
                      "due": "2025-12-12",
                      "amount": 4500,
                      "paid": "2026-01-11",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-01-12",
                      "amount": 4500,
                      "paid": "2026-02-11",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-02-12",
                      "amount": 4500,
                      "paid": "2026-03-14",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-03-12",
                      "amount": 4500,
                      "paid": "2026-04-11",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-04-12",
                      "amount": 4500,
                      "paid": "2026-05-12",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-05-12",
                      "amount": 4500,
                      "paid": "2026-06-11",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-06-12",
                      "amount": 4500,
                      "paid": "2026-07-12",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-07-12",
                      "amount": 4500,
                      "paid": "2026-08-11",
                      "paidAmount": 4500
                    },
                    {
                      "due": "2026-08-12",
                      "amount": 4500
                    },
                    {
                      "due": "2026-09-12",
                      "amount": 4500
                    },
                    {
                      "due": "2026-10-12",
                      "amount": 4500
                    },
                    {
                      "due": "2026-11-12",
                      "amount": 4500
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1010",
              "name": "Klaus Attrappe",
              "phone": "+49150001010",
              "email": "customer1010@example.invalid",
              "address": "Platzhalterallee 40, Köln",
              "language": "de",
              "timeZone": "Europe/Berlin",
              "preferredChannel": "call",
              "contactWindow": "10:00-12:00",
              "flags": [
                "hardship"
              ],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1010-1",
                  "creditor": "Beispiel Versand GmbH",
                  "currency": "EUR",
                  "balance": 18000,
                  "installments": [
                    {
                      "due": "2026-05-15",
                      "amount": 3000,
                      "paid": "2026-05-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-06-15",
                      "amount": 3000,
                      "paid": "2026-06-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-07-15",
                      "amount": 3000,
                      "paid": "2026-07-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-08-15",
                      "amount": 3000,
                      "paid": "2026-08-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-09-15",
                      "amount": 3000,
                      "paid": "2026-09-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-10-15",
                      "amount": 3000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1011",
              "name": "Pekka Koehenkilö",
              "phone": "+358400001011",
              "email": "customer1011@example.invalid",
              "address": "Esimerkkikatu 41, Oulu",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "call",
              "flags": [
                "dispute"
              ],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1011-1",
                  "creditor": "Kauppa Oy",
                  "currency": "EUR",
                  "balance": 33000,
                  "installments": [
                    {
                      "due": "2026-01-03",
                      "amount": 3000,
                      "paid": "2026-01-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-02-03",
                      "amount": 3000,
                      "paid": "2026-02-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-03-03",
                      "amount": 3000,
                      "paid": "2026-03-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-04-03",
                      "amount": 3000,
                      "paid": "2026-04-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-05-03",
                      "amount": 3000,
                      "paid": "2026-05-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-06-03",
                      "amount": 3000,
                      "paid": "2026-06-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-07-03",
                      "amount": 3000,
                      "paid": "2026-07-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-08-03",
                      "amount": 3000,
                      "paid": "2026-08-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-09-03",
                      "amount": 3000,
                      "paid": "2026-09-03",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-10-03",
                      "amount": 3000
                    },
                    {
                      "due": "2026-11-03",
                      "amount": 3000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1012",
              "name": "Hans Vorlage",
              "phone": "+49150001012",
              "email": "customer1012@example.invalid",
              "address": "Testgasse 42, München",
              "language": "de",
              "timeZone": "Europe/Berlin",
              "preferredChannel": "letter",
              "flags": [
                "insolvency"
              ],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1012-1",
                  "creditor": "Beispiel Versand GmbH",
                  "currency": "EUR",
                  "balance": 250000,
                  "installments": [
                    {
                      "due": "2026-01-01",
                      "amount": 20000
                    },
                    {
                      "due": "2026-02-01",
                      "amount": 20000
                    },
                    {
                      "due": "2026-03-01",
                      "amount": 20000
                    },
                    {
                      "due": "2026-04-01",
                      "amount": 20000
                    },
                    {
                      "due": "2026-05-01",
                      "amount": 20000
                    },
                    {
                      "due": "2026-06-01",
                      "amount": 20000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1013",
              "name": "Robert Dummy",
              "phone": "+12125550001013",
              "email": "customer1013@example.invalid",
              "address": "Mock Lane 43, Newark, NJ",
              "language": "en",
              "timeZone": "America/New_York",
              "preferredChannel": "call",
              "contactWindow": "12:00-13:00",
              "flags": [
                "stop-contact"
              ],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1013-1",
                  "creditor": "Example Card Co",
                  "currency": "USD",
                  "balance": 15000,
                  "installments": [
                    {
                      "due": "2025-12-28",
                      "amount": 1500,
                      "paid": "2025-12-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-01-28",
                      "amount": 1500,
                      "paid": "2026-01-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-02-28",
                      "amount": 1500,
                      "paid": "2026-02-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-03-28",
                      "amount": 1500,
                      "paid": "2026-03-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-04-28",
                      "amount": 1500,
                      "paid": "2026-04-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-05-28",
                      "amount": 1500,
                      "paid": "2026-05-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-06-28",
                      "amount": 1500,
                      "paid": "2026-06-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-07-28",
                      "amount": 1500,
                      "paid": "2026-07-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-08-28",
                      "amount": 1500,
                      "paid": "2026-10-12",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-09-28",
                      "amount": 1500,
                      "paid": "2026-09-28",
                      "paidAmount": 1500
                    },
                    {
                      "due": "2026-10-28",
                      "amount": 1500
                    },
                    {
                      "due": "2026-11-28",
                      "amount": 1500,
                      "paid": "2026-11-28",
                      "paidAmount": 1500
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1014",
              "name": "Sofia Exempel",
              "phone": "+46700001014",
              "email": "customer1014@example.invalid",
              "address": "Provgatan 44, Göteborg",
              "language": "sv",
              "timeZone": "Europe/Stockholm",
              "preferredChannel": "letter",
              "flags": [
                "time-barred"
              ],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1014-1",
                  "creditor": "Exempel AB",
                  "currency": "SEK",
                  "balance": 1200000,
                  "installments": [
                    {
                      "due": "2019-01-01",
                      "amount": 200000
                    },
                    {
                      "due": "2019-02-01",
                      "amount": 200000
                    },
                    {
                      "due": "2019-03-01",
                      "amount": 200000
                    },
                    {
                      "due": "2019-04-01",
                      "amount": 200000
                    },
                    {
                      "due": "2019-05-01",
                      "amount": 200000
                    },
                    {
                      "due": "2019-06-01",
                      "amount": 200000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1015",
              "name": "Ville Näyte",
              "phone": "+358400001015",
              "email": "customer1015@example.invalid",
              "address": "Esimerkkikatu 45, Espoo",
              "language": "fi",
              "timeZone": "Europe/Helsinki",
              "preferredChannel": "sms",
              "contactWindow": "08:00-09:00",
              "flags": [],
              "agent": "alice",
              "accounts": [
                {
                  "id": "A-1015-1",
                  "creditor": "Kauppa Oy",
                  "currency": "EUR",
                  "balance": 12000,
                  "installments": [
                    {
                      "due": "2025-12-08",
                      "amount": 1000,
                      "paid": "2025-12-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-01-08",
                      "amount": 1000,
                      "paid": "2026-01-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-02-08",
                      "amount": 1000,
                      "paid": "2026-02-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-03-08",
                      "amount": 1000,
                      "paid": "2026-03-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-04-08",
                      "amount": 1000,
                      "paid": "2026-04-14",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-05-08",
                      "amount": 1000,
                      "paid": "2026-05-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-06-08",
                      "amount": 1000,
                      "paid": "2026-06-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-07-08",
                      "amount": 1000,
                      "paid": "2026-07-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-08-08",
                      "amount": 1000,
                      "paid": "2026-08-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-09-08",
                      "amount": 1000,
                      "paid": "2026-09-17",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-10-08",
                      "amount": 1000,
                      "paid": "2026-10-08",
                      "paidAmount": 1000
                    },
                    {
                      "due": "2026-11-08",
                      "amount": 1000,
                      "paid": "2026-11-08",
                      "paidAmount": 1000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1016",
              "name": "Greta Testfall",
              "phone": "+49150001016",
              "email": "customer1016@example.invalid",
              "address": "Exempelstraße 46, Leipzig",
              "language": "de",
              "timeZone": "Europe/Berlin",
              "preferredChannel": "call",
              "contactWindow": "17:00-20:00",
              "flags": [],
              "agents": [
                "alice",
                "bob"
              ],
              "accounts": [
                {
                  "id": "A-1016-1",
                  "creditor": "Beispiel Versand GmbH",
                  "currency": "EUR",
                  "balance": 48000,
                  "installments": [
                    {
                      "due": "2025-12-18",
                      "amount": 4000,
                      "paid": "2025-12-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-01-18",
                      "amount": 4000,
                      "paid": "2026-01-26",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-02-18",
                      "amount": 4000,
                      "paid": "2026-02-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-03-18",
                      "amount": 4000,
                      "paid": "2026-03-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-04-18",
                      "amount": 4000,
                      "paid": "2026-04-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-05-18",
                      "amount": 4000,
                      "paid": "2026-06-01",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-06-18",
                      "amount": 4000,
                      "paid": "2026-06-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-07-18",
                      "amount": 4000,
                      "paid": "2026-07-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-08-18",
                      "amount": 4000,
                      "paid": "2026-08-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-09-18",
                      "amount": 4000,
                      "paid": "2026-09-18",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-10-18",
                      "amount": 4000,
                      "paid": "2026-10-21",
                      "paidAmount": 4000
                    },
                    {
                      "due": "2026-11-18",
                      "amount": 4000,
                      "paid": "2026-11-18",
                      "paidAmount": 4000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1017",
              "name": "Peter Example",
              "phone": "+12125550001017",
              "email": "customer1017@example.invalid",
              "address": "Specimen Road 47, Albany, NY",
              "language": "en",
              "timeZone": "America/New_York",
              "preferredChannel": "email",
              "flags": [],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1017-1",
                  "creditor": "Example Bank Inc",
                  "currency": "USD",
                  "balance": 27000,
                  "installments": [
                    {
                      "due": "2026-02-15",
                      "amount": 3000,
                      "paid": "2026-02-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-03-15",
                      "amount": 3000,
                      "paid": "2026-03-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-04-15",
                      "amount": 3000,
                      "paid": "2026-04-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-05-15",
                      "amount": 3000,
                      "paid": "2026-05-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-06-15",
                      "amount": 3000,
                      "paid": "2026-06-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-07-15",
                      "amount": 3000,
                      "paid": "2026-07-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-08-15",
                      "amount": 3000,
                      "paid": "2026-08-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-09-15",
                      "amount": 3000,
                      "paid": "2026-09-15",
                      "paidAmount": 3000
                    },
                    {
                      "due": "2026-10-15",
                      "amount": 3000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1018",
              "name": "Lars Prov",
              "phone": "+46700001018",
              "email": "customer1018@example.invalid",
              "address": "Låtsasvägen 48, Uppsala",
              "language": "sv",
              "timeZone": "Europe/Stockholm",
              "preferredChannel": "visit",
              "contactWindow": "15:00-18:00",
              "flags": [
                "do-not-visit"
              ],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1018-1",
                  "creditor": "Exempel AB",
                  "currency": "SEK",
                  "balance": 900000,
                  "installments": [
                    {
                      "due": "2025-12-22",
                      "amount": 75000,
                      "paid": "2025-12-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-01-22",
                      "amount": 75000,
                      "paid": "2026-01-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-02-22",
                      "amount": 75000,
                      "paid": "2026-02-26",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-03-22",
                      "amount": 75000,
                      "paid": "2026-03-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-04-22",
                      "amount": 75000,
                      "paid": "2026-04-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-05-22",
                      "amount": 75000,
                      "paid": "2026-05-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-06-22",
                      "amount": 75000,
                      "paid": "2026-06-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-07-22",
                      "amount": 75000,
                      "paid": "2026-08-12",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-08-22",
                      "amount": 75000,
                      "paid": "2026-08-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-09-22",
                      "amount": 75000,
                      "paid": "2026-09-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-10-22",
                      "amount": 75000,
                      "paid": "2026-10-22",
                      "paidAmount": 75000
                    },
                    {
                      "due": "2026-11-22",
                      "amount": 75000,
                      "paid": "2026-11-22",
                      "paidAmount": 75000
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1019",
              "name": "Lucía Ficticia",
              "email": "customer1019@example.invalid",
              "address": "Calle Imaginaria 49, Valencia",
              "language": "es",
              "timeZone": "Europe/Madrid",
              "preferredChannel": "email",
              "contactWindow": "16:00-18:00",
              "flags": [],
              "agent": "bob",
              "accounts": [
                {
                  "id": "A-1019-1",
                  "creditor": "Ejemplo SL",
                  "currency": "EUR",
                  "balance": 21000,
                  "installments": [
                    {
                      "due": "2025-12-27",
                      "amount": 1750,
                      "paid": "2025-12-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-01-27",
                      "amount": 1750,
                      "paid": "2026-02-01",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-02-27",
                      "amount": 1750,
                      "paid": "2026-02-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-03-27",
                      "amount": 1750,
                      "paid": "2026-03-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-04-27",
                      "amount": 1750,
                      "paid": "2026-04-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-05-27",
                      "amount": 1750,
                      "paid": "2026-05-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-06-27",
                      "amount": 1750,
                      "paid": "2026-07-09",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-07-27",
                      "amount": 1750,
                      "paid": "2026-07-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-08-27",
                      "amount": 1750,
                      "paid": "2026-08-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-09-27",
                      "amount": 1750,
                      "paid": "2026-10-04",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-10-27",
                      "amount": 1750,
                      "paid": "2026-10-27",
                      "paidAmount": 1750
                    },
                    {
                      "due": "2026-11-27",
                      "amount": 1750,
                      "paid": "2026-11-27",
                      "paidAmount": 1750
                    }
                  ]
                }
              ]
            },
            {
              "id": "C-1020",
              "name": "João Exemplo",
              "phone": "+35190001020",
              "email": "customer1020@example.invalid",
              "address": "Rua Fictícia 50, Porto",
              "language": "pt",
              "timeZone": "Europe/Lisbon",
              "preferredChannel": "sms",
              "contactWindow": "19:00-20:30",
              "flags": [],
              "agents": [
                "alice",
                "bob"
              ],
              "accounts": [
                {
                  "id": "A-1020-1",
                  "creditor": "Exemplo Lda",
                  "currency": "EUR",
                  "balance": 90000,
                  "installments": [
                    {
                      "due": "2026-09-02",
                      "amount": 2500,
                      "paid": "2026-09-02",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-10-02",
                      "amount": 2500,
                      "paid": "2026-10-02",
                      "paidAmount": 2500
                    },
                    {
                      "due": "2026-11-02",
                      "amount": 2500,
                      "paid": "2026-11-02",
                      "paidAmount": 2500
                    }
                  ]
                },
                {
                  "id": "A-1020-2",
                  "creditor": "Exemplo Lda",
                  "currency": "EUR",
                  "balance": 5000,
                  "installments": [
                    {
                      "due": "2026-11-20",
                      "amount": 5000
                    }
                  ]
                }
              ]
            }
          ]
        }
        """#
}
