// Invented people, places and companies. Common names only, combined at random, so no row
// describes a real person.

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Felix', 'Grace', 'Hannah', 'Isaac', 'Julia', 'Karim',
  'Laura', 'Marco', 'Nina', 'Oliver', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera',
  'William', 'Xenia', 'Yusuf', 'Zoe', 'Adrian', 'Bianca', 'Carlos', 'Diana', 'Emil', 'Fatima', 'Georg',
  'Helena', 'Ivan', 'Jana', 'Lukas', 'Maya', 'Noah', 'Olga', 'Paul', 'Ruth', 'Stefan', 'Tom', 'Ines',
  'Leon', 'Mia', 'Jonas', 'Sofia', 'David', 'Amelia', 'Henry', 'Lina', 'Omar', 'Clara', 'Mateo',
] as const;

export const LAST_NAMES = [
  'Adams', 'Becker', 'Clarke', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hoffmann', 'Ivanova', 'Jansen',
  'Keller', 'Lambert', 'Moreau', 'Novak', 'Owens', 'Petrov', 'Quinn', 'Richter', 'Schmidt', 'Turner',
  'Ustinov', 'Vogel', 'Walsh', 'Young', 'Zimmer', 'Bauer', 'Costa', 'Dietrich', 'Ellis', 'Fuchs',
  'Graham', 'Hughes', 'Kaiser', 'Lange', 'Meyer', 'Nolan', 'Okafor', 'Patel', 'Rossi', 'Santos',
  'Thomas', 'Weber', 'Wright', 'Baker', 'Collins', 'Hartmann', 'Klein', 'Lopez', 'Murphy', 'Price',
] as const;

export const STREETS = [
  'Elm Street', 'Harbour Road', 'Mill Lane', 'Station Road', 'Kingsway', 'Lindenstrasse', 'Rue des Lilas',
  'Bahnhofstrasse', 'Church Walk', 'Park Avenue', 'Oak Crescent', 'Canal Street', 'Hill View', 'Market Square',
] as const;

export const CITIES: readonly { city: string; postcode: () => string }[] = [
  { city: 'Leeds', postcode: () => 'LS1 4AP' },
  { city: 'Bristol', postcode: () => 'BS8 1TH' },
  { city: 'Hamburg', postcode: () => '20095' },
  { city: 'Cologne', postcode: () => '50667' },
  { city: 'Lyon', postcode: () => '69002' },
  { city: 'Utrecht', postcode: () => '3511 AB' },
  { city: 'Manchester', postcode: () => 'M1 2WD' },
];

/** Customer and supplier companies; all on the reserved `.example` domain. */
export const COMPANY_WORDS = [
  'Apex', 'Birch', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Ion', 'Juniper',
  'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Orion', 'Pioneer', 'Quarry', 'Ridge', 'Summit', 'Tidal',
] as const;
export const COMPANY_SUFFIXES = ['Logistics', 'Retail', 'Foods', 'Systems', 'Health', 'Energy', 'Media', 'Motors'] as const;
