// Static vocabulary for the synthetic organisation: offices, divisions, departments, job families and name
// parts. Names are combinatorial (first × last) so they describe no real person.

export interface Office {
  name: string;
  city: string;
  country: string;
  usageLocation: string;
  /** Windows zone name, as Exchange reports it in mailboxSettings. */
  timeZone: string;
  languages: readonly string[];
  phonePrefix: string;
  /** Relative share of the workforce. */
  weight: number;
  /** Exchange default work week for the office (Mon–Fri everywhere here; Sunday–Thursday offices are possible via fixtures). */
  workStart: readonly string[];
}

export const OFFICES: readonly Office[] = [
  { name: "Seattle", city: "Seattle", country: "United States", usageLocation: "US", timeZone: "Pacific Standard Time", languages: ["en-US"], phonePrefix: "+1 206 555", weight: 26, workStart: ["08:00:00", "08:30:00", "09:00:00"] },
  { name: "New York", city: "New York", country: "United States", usageLocation: "US", timeZone: "Eastern Standard Time", languages: ["en-US", "es-US"], phonePrefix: "+1 212 555", weight: 16, workStart: ["08:30:00", "09:00:00", "09:30:00"] },
  { name: "London", city: "London", country: "United Kingdom", usageLocation: "GB", timeZone: "GMT Standard Time", languages: ["en-GB"], phonePrefix: "+44 20 7946", weight: 12, workStart: ["08:30:00", "09:00:00"] },
  { name: "Berlin", city: "Berlin", country: "Germany", usageLocation: "DE", timeZone: "W. Europe Standard Time", languages: ["de-DE", "en-GB"], phonePrefix: "+49 30 5557", weight: 9, workStart: ["08:00:00", "09:00:00"] },
  { name: "Bangalore", city: "Bengaluru", country: "India", usageLocation: "IN", timeZone: "India Standard Time", languages: ["en-IN", "hi-IN", "kn-IN"], phonePrefix: "+91 80 5550", weight: 14, workStart: ["09:30:00", "10:00:00"] },
  { name: "Singapore", city: "Singapore", country: "Singapore", usageLocation: "SG", timeZone: "Singapore Standard Time", languages: ["en-SG", "zh-CN"], phonePrefix: "+65 6555", weight: 7, workStart: ["09:00:00"] },
  { name: "Sydney", city: "Sydney", country: "Australia", usageLocation: "AU", timeZone: "AUS Eastern Standard Time", languages: ["en-AU"], phonePrefix: "+61 2 5550", weight: 7, workStart: ["08:30:00", "09:00:00"] },
  { name: "São Paulo", city: "São Paulo", country: "Brazil", usageLocation: "BR", timeZone: "E. South America Standard Time", languages: ["pt-BR", "es-ES"], phonePrefix: "+55 11 5555", weight: 9, workStart: ["09:00:00"] },
];

export interface Division {
  name: string;
  /** Title of the division head (level 1). */
  headTitle: string;
  departments: readonly string[];
  /** Individual-contributor job families in this division. */
  families: readonly string[];
}

export const DIVISIONS: readonly Division[] = [
  { name: "Engineering", headTitle: "Chief Technology Officer", departments: ["Platform Engineering", "Cloud Services", "Developer Tools", "Security Engineering", "Data Platform", "Mobile Engineering"], families: ["Software Engineer", "Site Reliability Engineer", "Quality Engineer", "Security Engineer", "Data Engineer"] },
  { name: "Product", headTitle: "Chief Product Officer", departments: ["Product Management", "Design", "User Research"], families: ["Product Manager", "Product Designer", "UX Researcher"] },
  { name: "Sales", headTitle: "Chief Revenue Officer", departments: ["Enterprise Sales", "Commercial Sales", "Sales Operations", "Partner Sales"], families: ["Account Executive", "Sales Engineer", "Sales Analyst", "Partner Manager"] },
  { name: "Marketing", headTitle: "Chief Marketing Officer", departments: ["Brand", "Product Marketing", "Demand Generation", "Communications"], families: ["Marketing Manager", "Content Strategist", "Marketing Analyst", "Communications Specialist"] },
  { name: "Finance", headTitle: "Chief Financial Officer", departments: ["Accounting", "Financial Planning", "Procurement", "Tax"], families: ["Financial Analyst", "Accountant", "Procurement Specialist", "Tax Specialist"] },
  { name: "Human Resources", headTitle: "Chief People Officer", departments: ["Talent Acquisition", "People Operations", "Learning and Development", "Total Rewards"], families: ["HR Business Partner", "Recruiter", "Learning Specialist", "People Operations Specialist"] },
  { name: "Operations", headTitle: "Chief Operating Officer", departments: ["Customer Support", "Supply Chain", "Facilities", "IT"], families: ["Support Engineer", "Operations Analyst", "IT Administrator", "Logistics Coordinator"] },
  { name: "Legal", headTitle: "EVP, General Counsel", departments: ["Corporate Legal", "Compliance", "Privacy"], families: ["Counsel", "Compliance Analyst", "Paralegal"] },
  { name: "Customer Success", headTitle: "EVP, Customer Success", departments: ["Customer Success Management", "Professional Services", "Customer Education"], families: ["Customer Success Manager", "Consultant", "Technical Trainer"] },
];

export const FIRST_NAMES: readonly string[] = [
  "Aarav", "Abigail", "Adebayo", "Adriana", "Ahmed", "Aiko", "Alejandro", "Alexei", "Alice", "Amara", "Amelia", "Ana",
  "Anders", "Andrea", "Anika", "Arjun", "Astrid", "Ava", "Beatriz", "Benjamin", "Bianca", "Bjorn", "Camila", "Carlos",
  "Charlotte", "Chen", "Chiara", "Chloe", "Daniel", "Daria", "David", "Deepa", "Diego", "Dmitri", "Elena", "Elif",
  "Elijah", "Emeka", "Emily", "Emma", "Ethan", "Fatima", "Felix", "Fernanda", "Finn", "Freya", "Gabriel", "Grace",
  "Hana", "Hannah", "Hiroshi", "Ibrahim", "Ines", "Isabella", "Isaac", "Ivan", "Jack", "Jamal", "James", "Javier",
  "Jia", "Joao", "Jonas", "Julia", "Kai", "Kavya", "Kenji", "Kofi", "Lakshmi", "Lars", "Laura", "Layla", "Leila",
  "Leon", "Liam", "Lina", "Lucas", "Lucia", "Luis", "Maya", "Mateo", "Mei", "Mia", "Mohammed", "Nadia", "Naveen",
  "Nia", "Noah", "Nora", "Olga", "Oliver", "Olivia", "Omar", "Oscar", "Pablo", "Paula", "Priya", "Rafael", "Rahul",
  "Rania", "Ravi", "Rosa", "Ryan", "Sakura", "Samuel", "Sara", "Sebastian", "Sergio", "Shreya", "Sofia", "Sophie",
  "Stefan", "Sunita", "Takumi", "Tariq", "Thiago", "Tomas", "Valentina", "Victor", "Wei", "William", "Xin", "Yara",
  "Yusuf", "Zainab", "Zara", "Zoe",
];

export const LAST_NAMES: readonly string[] = [
  "Abe", "Adeyemi", "Agarwal", "Almeida", "Andersen", "Bauer", "Becker", "Bhatt", "Brooks", "Campbell", "Cardoso",
  "Castillo", "Chandra", "Chen", "Costa", "Cruz", "Da Silva", "Dubois", "Eriksson", "Evans", "Fernandes", "Fischer",
  "Fujita", "Garcia", "Ghosh", "Gomez", "Gupta", "Haddad", "Hansen", "Hartmann", "Hoffmann", "Horvat", "Huang",
  "Ibrahim", "Iyer", "Jansen", "Jensen", "Johansson", "Kapoor", "Kato", "Keller", "Khan", "Kim", "Kowalski", "Kruger",
  "Kumar", "Larsen", "Lee", "Lim", "Lopez", "Lund", "Mahmoud", "Martin", "Martins", "Mehta", "Meyer", "Moreau",
  "Mueller", "Murphy", "Nakamura", "Nair", "Nguyen", "Novak", "Okafor", "Oliveira", "Ong", "Owusu", "Park", "Patel",
  "Pereira", "Petrov", "Popescu", "Quinn", "Rahman", "Ramos", "Rao", "Reddy", "Reyes", "Richter", "Rossi", "Saito",
  "Santos", "Schmidt", "Schneider", "Sharma", "Silva", "Singh", "Sokolov", "Suzuki", "Tan", "Tanaka", "Torres",
  "Tran", "Van Dijk", "Varga", "Wagner", "Walker", "Wang", "Weber", "Wong", "Yamamoto", "Yilmaz", "Young", "Zhang",
  "Zimmermann",
];

/** External domains guests come from. */
export const GUEST_DOMAINS: readonly string[] = ["partner.example", "agency.example", "supplier.example", "university.example"];
