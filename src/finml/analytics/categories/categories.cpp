#include <finml/analytics/categories/categories.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace finml::analytics::categories {
namespace {

constexpr Group N = Group::kNeeds;
constexpr Group W = Group::kWants;
constexpr Group S = Group::kSavings;
constexpr Group I = Group::kIncome;
constexpr Group T = Group::kTransfer;
constexpr bool kGeneral = true;

// The taxonomy: Plaid's primary and detailed personal-finance categories, a group for each
// (decided here, Plaid has none), and finml's OTHER_UNCATEGORIZED. `general` marks catch-alls.
// The codes are exactly Plaid's version-1 list (16 primaries, 104 detailed): pinned by
// tests/analytics/categories/plaid_personal_finance_categories.txt.
constexpr std::array kTaxonomy = std::to_array<Category>({
    {"INCOME_DIVIDENDS", "INCOME", I},
    {"INCOME_INTEREST_EARNED", "INCOME", I},
    {"INCOME_RETIREMENT_PENSION", "INCOME", I},
    {"INCOME_TAX_REFUND", "INCOME", I},
    {"INCOME_UNEMPLOYMENT", "INCOME", I},
    {"INCOME_WAGES", "INCOME", I},
    {"INCOME_OTHER_INCOME", "INCOME", I, kGeneral},
    {"TRANSFER_IN_CASH_ADVANCES_AND_LOANS", "TRANSFER_IN", T},
    {"TRANSFER_IN_DEPOSIT", "TRANSFER_IN", T},
    {"TRANSFER_IN_INVESTMENT_AND_RETIREMENT_FUNDS", "TRANSFER_IN", T},
    {"TRANSFER_IN_SAVINGS", "TRANSFER_IN", T},
    {"TRANSFER_IN_ACCOUNT_TRANSFER", "TRANSFER_IN", T},
    {"TRANSFER_IN_OTHER_TRANSFER_IN", "TRANSFER_IN", T, kGeneral},
    {"TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS", "TRANSFER_OUT", S},
    {"TRANSFER_OUT_SAVINGS", "TRANSFER_OUT", S},
    {"TRANSFER_OUT_WITHDRAWAL", "TRANSFER_OUT", T},
    {"TRANSFER_OUT_ACCOUNT_TRANSFER", "TRANSFER_OUT", T},
    {"TRANSFER_OUT_OTHER_TRANSFER_OUT", "TRANSFER_OUT", T, kGeneral},
    {"LOAN_PAYMENTS_CAR_PAYMENT", "LOAN_PAYMENTS", N},
    {"LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", "LOAN_PAYMENTS", T},
    {"LOAN_PAYMENTS_PERSONAL_LOAN_PAYMENT", "LOAN_PAYMENTS", N},
    {"LOAN_PAYMENTS_MORTGAGE_PAYMENT", "LOAN_PAYMENTS", N},
    {"LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT", "LOAN_PAYMENTS", N},
    {"LOAN_PAYMENTS_OTHER_PAYMENT", "LOAN_PAYMENTS", N, kGeneral},
    {"BANK_FEES_ATM_FEES", "BANK_FEES", W},
    {"BANK_FEES_FOREIGN_TRANSACTION_FEES", "BANK_FEES", W},
    {"BANK_FEES_INSUFFICIENT_FUNDS", "BANK_FEES", W},
    {"BANK_FEES_INTEREST_CHARGE", "BANK_FEES", W},
    {"BANK_FEES_OVERDRAFT_FEES", "BANK_FEES", W},
    {"BANK_FEES_OTHER_BANK_FEES", "BANK_FEES", W, kGeneral},
    {"ENTERTAINMENT_CASINOS_AND_GAMBLING", "ENTERTAINMENT", W},
    {"ENTERTAINMENT_MUSIC_AND_AUDIO", "ENTERTAINMENT", W},
    {"ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS", "ENTERTAINMENT", W},
    {"ENTERTAINMENT_TV_AND_MOVIES", "ENTERTAINMENT", W},
    {"ENTERTAINMENT_VIDEO_GAMES", "ENTERTAINMENT", W},
    {"ENTERTAINMENT_OTHER_ENTERTAINMENT", "ENTERTAINMENT", W, kGeneral},
    {"FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR", "FOOD_AND_DRINK", W},
    {"FOOD_AND_DRINK_COFFEE", "FOOD_AND_DRINK", W},
    {"FOOD_AND_DRINK_FAST_FOOD", "FOOD_AND_DRINK", W},
    {"FOOD_AND_DRINK_GROCERIES", "FOOD_AND_DRINK", N},
    {"FOOD_AND_DRINK_RESTAURANT", "FOOD_AND_DRINK", W},
    {"FOOD_AND_DRINK_VENDING_MACHINES", "FOOD_AND_DRINK", W},
    {"FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK", "FOOD_AND_DRINK", W, kGeneral},
    {"GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_CONVENIENCE_STORES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_DEPARTMENT_STORES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_DISCOUNT_STORES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_ELECTRONICS", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_OFFICE_SUPPLIES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_ONLINE_MARKETPLACES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_PET_SUPPLIES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_SPORTING_GOODS", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_SUPERSTORES", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_TOBACCO_AND_VAPE", "GENERAL_MERCHANDISE", W},
    {"GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE", "GENERAL_MERCHANDISE", W, kGeneral},
    {"HOME_IMPROVEMENT_FURNITURE", "HOME_IMPROVEMENT", W},
    {"HOME_IMPROVEMENT_HARDWARE", "HOME_IMPROVEMENT", N},
    {"HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE", "HOME_IMPROVEMENT", N},
    {"HOME_IMPROVEMENT_SECURITY", "HOME_IMPROVEMENT", N},
    {"HOME_IMPROVEMENT_OTHER_HOME_IMPROVEMENT", "HOME_IMPROVEMENT", W, kGeneral},
    {"MEDICAL_DENTAL_CARE", "MEDICAL", N},
    {"MEDICAL_EYE_CARE", "MEDICAL", N},
    {"MEDICAL_NURSING_CARE", "MEDICAL", N},
    {"MEDICAL_PHARMACIES_AND_SUPPLEMENTS", "MEDICAL", N},
    {"MEDICAL_PRIMARY_CARE", "MEDICAL", N},
    {"MEDICAL_VETERINARY_SERVICES", "MEDICAL", N},
    {"MEDICAL_OTHER_MEDICAL", "MEDICAL", N, kGeneral},
    {"PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS", "PERSONAL_CARE", W},
    {"PERSONAL_CARE_HAIR_AND_BEAUTY", "PERSONAL_CARE", W},
    {"PERSONAL_CARE_LAUNDRY_AND_DRY_CLEANING", "PERSONAL_CARE", N},
    {"PERSONAL_CARE_OTHER_PERSONAL_CARE", "PERSONAL_CARE", W, kGeneral},
    {"GENERAL_SERVICES_ACCOUNTING_AND_FINANCIAL_PLANNING", "GENERAL_SERVICES", W},
    {"GENERAL_SERVICES_AUTOMOTIVE", "GENERAL_SERVICES", N},
    {"GENERAL_SERVICES_CHILDCARE", "GENERAL_SERVICES", N},
    {"GENERAL_SERVICES_CONSULTING_AND_LEGAL", "GENERAL_SERVICES", W},
    {"GENERAL_SERVICES_EDUCATION", "GENERAL_SERVICES", N},
    {"GENERAL_SERVICES_INSURANCE", "GENERAL_SERVICES", N},
    {"GENERAL_SERVICES_POSTAGE_AND_SHIPPING", "GENERAL_SERVICES", W},
    {"GENERAL_SERVICES_STORAGE", "GENERAL_SERVICES", W},
    {"GENERAL_SERVICES_OTHER_GENERAL_SERVICES", "GENERAL_SERVICES", W, kGeneral},
    {"GOVERNMENT_AND_NON_PROFIT_DONATIONS", "GOVERNMENT_AND_NON_PROFIT", W},
    {"GOVERNMENT_AND_NON_PROFIT_GOVERNMENT_DEPARTMENTS_AND_AGENCIES", "GOVERNMENT_AND_NON_PROFIT", N},
    {"GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT", "GOVERNMENT_AND_NON_PROFIT", N},
    {"GOVERNMENT_AND_NON_PROFIT_OTHER_GOVERNMENT_AND_NON_PROFIT", "GOVERNMENT_AND_NON_PROFIT", N, kGeneral},
    {"TRANSPORTATION_BIKES_AND_SCOOTERS", "TRANSPORTATION", W},
    {"TRANSPORTATION_GAS", "TRANSPORTATION", N},
    {"TRANSPORTATION_PARKING", "TRANSPORTATION", N},
    {"TRANSPORTATION_PUBLIC_TRANSIT", "TRANSPORTATION", N},
    {"TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "TRANSPORTATION", W},
    {"TRANSPORTATION_TOLLS", "TRANSPORTATION", N},
    {"TRANSPORTATION_OTHER_TRANSPORTATION", "TRANSPORTATION", N, kGeneral},
    {"TRAVEL_FLIGHTS", "TRAVEL", W},
    {"TRAVEL_LODGING", "TRAVEL", W},
    {"TRAVEL_RENTAL_CARS", "TRAVEL", W},
    {"TRAVEL_OTHER_TRAVEL", "TRAVEL", W, kGeneral},
    {"RENT_AND_UTILITIES_GAS_AND_ELECTRICITY", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_INTERNET_AND_CABLE", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_RENT", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_SEWAGE_AND_WASTE_MANAGEMENT", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_TELEPHONE", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_WATER", "RENT_AND_UTILITIES", N},
    {"RENT_AND_UTILITIES_OTHER_UTILITIES", "RENT_AND_UTILITIES", N, kGeneral},
    {"OTHER_UNCATEGORIZED", "OTHER", W, kGeneral},
});

// A name or keyword (normalised) -> detailed code; `general` marks a name as broad as a primary
// ("food" names groceries, but a description may refine it to a restaurant).
struct Entry {
  std::string_view text;
  std::string_view code;
  bool general = false;
};

// Catch-all category names: rules 3 and 4 are skipped, the description decides.
constexpr std::array<std::string_view, 13> kCatchAllNames = {
    "",        "other", "others", "misc", "miscellaneous", "uncategorized", "uncategorised",
    "general", "unknown", "none", "other expenses", "expense", "expenses"};

// Rule 3: whole category names (normalised). The original service's names (its sample CSV:
// Food, Transport, Utilities, Entertainment, Shopping, Healthcare, Education, Income), the real
// client's (Groceries, Dining, Subscriptions, Savings, Salary, Rent, Health & Fitness,
// Freelance, Bonus) and other common ones.
constexpr std::array kNames = std::to_array<Entry>({
    {"income", "INCOME_OTHER_INCOME", kGeneral},
    {"salary", "INCOME_WAGES"}, {"salaries", "INCOME_WAGES"}, {"wages", "INCOME_WAGES"},
    {"paycheck", "INCOME_WAGES"}, {"bonus", "INCOME_WAGES"}, {"freelance", "INCOME_OTHER_INCOME"},
    {"interest", "INCOME_INTEREST_EARNED"}, {"dividends", "INCOME_DIVIDENDS"},
    {"pension", "INCOME_RETIREMENT_PENSION"}, {"refund", "INCOME_OTHER_INCOME"},
    {"food", "FOOD_AND_DRINK_GROCERIES", kGeneral}, {"groceries", "FOOD_AND_DRINK_GROCERIES"},
    {"grocery", "FOOD_AND_DRINK_GROCERIES"}, {"dining", "FOOD_AND_DRINK_RESTAURANT"},
    {"dining out", "FOOD_AND_DRINK_RESTAURANT"}, {"eating out", "FOOD_AND_DRINK_RESTAURANT"},
    {"restaurants", "FOOD_AND_DRINK_RESTAURANT"}, {"food delivery", "FOOD_AND_DRINK_RESTAURANT"},
    {"coffee", "FOOD_AND_DRINK_COFFEE"}, {"food and drink", "FOOD_AND_DRINK_OTHER_FOOD_AND_DRINK"},
    {"transport", "TRANSPORTATION_OTHER_TRANSPORTATION"},
    {"transportation", "TRANSPORTATION_OTHER_TRANSPORTATION"},
    {"travel", "TRAVEL_OTHER_TRAVEL"}, {"car rental", "TRAVEL_RENTAL_CARS"},
    {"utilities", "RENT_AND_UTILITIES_OTHER_UTILITIES"}, {"bills", "RENT_AND_UTILITIES_OTHER_UTILITIES"},
    {"bills and utilities", "RENT_AND_UTILITIES_OTHER_UTILITIES"},
    {"rent and utilities", "RENT_AND_UTILITIES_OTHER_UTILITIES"},
    {"rent", "RENT_AND_UTILITIES_RENT"}, {"housing", "RENT_AND_UTILITIES_RENT", kGeneral},
    {"mortgage", "LOAN_PAYMENTS_MORTGAGE_PAYMENT"},
    {"entertainment", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    {"subscriptions", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    {"shopping", "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"},
    {"general merchandise", "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"},
    {"healthcare", "MEDICAL_OTHER_MEDICAL"}, {"health", "MEDICAL_OTHER_MEDICAL"},
    {"medical", "MEDICAL_OTHER_MEDICAL"}, {"health and fitness", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"},
    {"fitness", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"}, {"personal care", "PERSONAL_CARE_OTHER_PERSONAL_CARE"},
    {"education", "GENERAL_SERVICES_EDUCATION"}, {"childcare", "GENERAL_SERVICES_CHILDCARE"},
    {"insurance", "GENERAL_SERVICES_INSURANCE"},
    {"savings", "TRANSFER_OUT_SAVINGS", kGeneral}, {"saving", "TRANSFER_OUT_SAVINGS", kGeneral},
    {"investment", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"investments", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"retirement", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"emergency fund", "TRANSFER_OUT_SAVINGS"},
    {"transfer", "TRANSFER_OUT_ACCOUNT_TRANSFER", kGeneral}, {"transfers", "TRANSFER_OUT_ACCOUNT_TRANSFER", kGeneral},
    {"loan payment", "LOAN_PAYMENTS_OTHER_PAYMENT"}, {"loan payments", "LOAN_PAYMENTS_OTHER_PAYMENT"},
    {"gifts", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"}, {"hobbies", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    {"bank fees", "BANK_FEES_OTHER_BANK_FEES"}, {"fees", "BANK_FEES_OTHER_BANK_FEES"},
    {"taxes", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"}, {"tax", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"},
    {"donations", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"}, {"charity", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"},
});

// Rules 4 and 5: keywords of one, two or three normalised words, for category names and
// descriptions alike. Generic words that name no kind of spending ("shop", "store", "bill",
// "payment", "upi", "pos") are deliberately absent, so that the word before them decides.
constexpr std::array kKeywords = std::to_array<Entry>({
    // income
    {"salary", "INCOME_WAGES"}, {"payroll", "INCOME_WAGES"}, {"wages", "INCOME_WAGES"},
    {"paycheck", "INCOME_WAGES"}, {"bonus", "INCOME_WAGES"}, {"dividend", "INCOME_DIVIDENDS"},
    {"dividends", "INCOME_DIVIDENDS"}, {"interest", "INCOME_INTEREST_EARNED"},
    {"pension", "INCOME_RETIREMENT_PENSION"}, {"tax refund", "INCOME_TAX_REFUND"},
    {"freelance", "INCOME_OTHER_INCOME"}, {"income", "INCOME_OTHER_INCOME"},
    // savings, investments, transfers
    {"savings", "TRANSFER_OUT_SAVINGS"}, {"saving", "TRANSFER_OUT_SAVINGS"},
    {"fixed deposit", "TRANSFER_OUT_SAVINGS"}, {"recurring deposit", "TRANSFER_OUT_SAVINGS"},
    {"emergency fund", "TRANSFER_OUT_SAVINGS"}, {"ppf", "TRANSFER_OUT_SAVINGS"},
    {"sip", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"index fund", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"mutual fund", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"mutual funds", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"investment", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"investments", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"retirement", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"nps", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"}, {"401k", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"ira", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"}, {"zerodha", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"groww", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"}, {"vanguard", "TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS"},
    {"atm", "TRANSFER_OUT_WITHDRAWAL"}, {"cash withdrawal", "TRANSFER_OUT_WITHDRAWAL"},
    {"self transfer", "TRANSFER_OUT_ACCOUNT_TRANSFER"}, {"transfer", "TRANSFER_OUT_ACCOUNT_TRANSFER"},
    {"venmo", "TRANSFER_OUT_ACCOUNT_TRANSFER"}, {"zelle", "TRANSFER_OUT_ACCOUNT_TRANSFER"},
    {"credit card payment", "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT"},
    // loans, fees, government
    {"emi", "LOAN_PAYMENTS_OTHER_PAYMENT"}, {"loan", "LOAN_PAYMENTS_PERSONAL_LOAN_PAYMENT"},
    {"loans", "LOAN_PAYMENTS_PERSONAL_LOAN_PAYMENT"}, {"car loan", "LOAN_PAYMENTS_CAR_PAYMENT"},
    {"car payment", "LOAN_PAYMENTS_CAR_PAYMENT"}, {"student loan", "LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT"},
    {"home loan", "LOAN_PAYMENTS_MORTGAGE_PAYMENT"}, {"mortgage", "LOAN_PAYMENTS_MORTGAGE_PAYMENT"},
    {"debt", "LOAN_PAYMENTS_OTHER_PAYMENT"},
    {"interest charge", "BANK_FEES_INTEREST_CHARGE"}, {"card interest", "BANK_FEES_INTEREST_CHARGE"},
    {"overdraft", "BANK_FEES_OVERDRAFT_FEES"}, {"atm fee", "BANK_FEES_ATM_FEES"},
    {"fees", "BANK_FEES_OTHER_BANK_FEES"}, {"fee", "BANK_FEES_OTHER_BANK_FEES"},
    {"tax", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"}, {"taxes", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"},
    {"irs", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"}, {"income tax", "GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT"},
    {"donation", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"}, {"donations", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"},
    {"charity", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"}, {"temple", "GOVERNMENT_AND_NON_PROFIT_DONATIONS"},
    // food and drink
    {"groceries", "FOOD_AND_DRINK_GROCERIES"}, {"grocery", "FOOD_AND_DRINK_GROCERIES"},
    {"supermarket", "FOOD_AND_DRINK_GROCERIES"}, {"kirana", "FOOD_AND_DRINK_GROCERIES"},
    {"bigbasket", "FOOD_AND_DRINK_GROCERIES"}, {"zepto", "FOOD_AND_DRINK_GROCERIES"},
    {"blinkit", "FOOD_AND_DRINK_GROCERIES"}, {"dmart", "FOOD_AND_DRINK_GROCERIES"},
    {"nilgiris", "FOOD_AND_DRINK_GROCERIES"}, {"reliance fresh", "FOOD_AND_DRINK_GROCERIES"},
    {"jiomart", "FOOD_AND_DRINK_GROCERIES"}, {"vegetable", "FOOD_AND_DRINK_GROCERIES"},
    {"vegetables", "FOOD_AND_DRINK_GROCERIES"}, {"fruit", "FOOD_AND_DRINK_GROCERIES"},
    {"fruits", "FOOD_AND_DRINK_GROCERIES"}, {"milk", "FOOD_AND_DRINK_GROCERIES"},
    {"dairy", "FOOD_AND_DRINK_GROCERIES"}, {"bakery", "FOOD_AND_DRINK_GROCERIES"},
    {"kroger", "FOOD_AND_DRINK_GROCERIES"}, {"safeway", "FOOD_AND_DRINK_GROCERIES"},
    {"whole foods", "FOOD_AND_DRINK_GROCERIES"}, {"trader joes", "FOOD_AND_DRINK_GROCERIES"},
    {"aldi", "FOOD_AND_DRINK_GROCERIES"}, {"publix", "FOOD_AND_DRINK_GROCERIES"},
    {"food", "FOOD_AND_DRINK_GROCERIES"},
    {"restaurant", "FOOD_AND_DRINK_RESTAURANT"}, {"restaurants", "FOOD_AND_DRINK_RESTAURANT"},
    {"dining", "FOOD_AND_DRINK_RESTAURANT"}, {"takeout", "FOOD_AND_DRINK_RESTAURANT"},
    {"food delivery", "FOOD_AND_DRINK_RESTAURANT"}, {"dining out", "FOOD_AND_DRINK_RESTAURANT"},
    {"eating out", "FOOD_AND_DRINK_RESTAURANT"}, {"swiggy", "FOOD_AND_DRINK_RESTAURANT"},
    {"zomato", "FOOD_AND_DRINK_RESTAURANT"}, {"saravana bhavan", "FOOD_AND_DRINK_RESTAURANT"},
    {"barbeque nation", "FOOD_AND_DRINK_RESTAURANT"}, {"bhavan", "FOOD_AND_DRINK_RESTAURANT"},
    {"dhaba", "FOOD_AND_DRINK_RESTAURANT"}, {"doordash", "FOOD_AND_DRINK_RESTAURANT"},
    {"grubhub", "FOOD_AND_DRINK_RESTAURANT"}, {"uber eats", "FOOD_AND_DRINK_RESTAURANT"},
    {"fast food", "FOOD_AND_DRINK_FAST_FOOD"}, {"street food", "FOOD_AND_DRINK_FAST_FOOD"},
    {"pizza", "FOOD_AND_DRINK_FAST_FOOD"}, {"burger", "FOOD_AND_DRINK_FAST_FOOD"},
    {"haldirams", "FOOD_AND_DRINK_FAST_FOOD"}, {"mcdonalds", "FOOD_AND_DRINK_FAST_FOOD"},
    {"kfc", "FOOD_AND_DRINK_FAST_FOOD"}, {"subway", "FOOD_AND_DRINK_FAST_FOOD"},
    {"chipotle", "FOOD_AND_DRINK_FAST_FOOD"}, {"taco bell", "FOOD_AND_DRINK_FAST_FOOD"},
    {"coffee", "FOOD_AND_DRINK_COFFEE"}, {"cafe", "FOOD_AND_DRINK_COFFEE"},
    {"chai", "FOOD_AND_DRINK_COFFEE"}, {"tea stall", "FOOD_AND_DRINK_COFFEE"},
    {"starbucks", "FOOD_AND_DRINK_COFFEE"}, {"dunkin", "FOOD_AND_DRINK_COFFEE"},
    {"alcohol", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"}, {"liquor", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"},
    {"wine", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"}, {"beer", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"},
    {"bar", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"}, {"bars", "FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR"},
    {"vending", "FOOD_AND_DRINK_VENDING_MACHINES"},
    // transportation and travel
    {"uber", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"}, {"ola", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
    {"rapido", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"}, {"lyft", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
    {"taxi", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"}, {"taxis", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
    {"cab", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"}, {"auto rickshaw", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
    {"rickshaw", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"}, {"ride shares", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"},
    {"metro", "TRANSPORTATION_PUBLIC_TRANSIT"}, {"bus", "TRANSPORTATION_PUBLIC_TRANSIT"},
    {"train", "TRANSPORTATION_PUBLIC_TRANSIT"}, {"transit", "TRANSPORTATION_PUBLIC_TRANSIT"},
    {"public transit", "TRANSPORTATION_PUBLIC_TRANSIT"}, {"commute", "TRANSPORTATION_PUBLIC_TRANSIT"},
    {"petrol", "TRANSPORTATION_GAS"}, {"diesel", "TRANSPORTATION_GAS"}, {"fuel", "TRANSPORTATION_GAS"},
    {"gas station", "TRANSPORTATION_GAS"}, {"indian oil", "TRANSPORTATION_GAS"},
    {"bharat petroleum", "TRANSPORTATION_GAS"}, {"shell", "TRANSPORTATION_GAS"},
    {"chevron", "TRANSPORTATION_GAS"}, {"exxon", "TRANSPORTATION_GAS"},
    {"parking", "TRANSPORTATION_PARKING"}, {"toll", "TRANSPORTATION_TOLLS"},
    {"tolls", "TRANSPORTATION_TOLLS"}, {"fastag", "TRANSPORTATION_TOLLS"},
    {"bike", "TRANSPORTATION_BIKES_AND_SCOOTERS"}, {"scooter", "TRANSPORTATION_BIKES_AND_SCOOTERS"},
    {"transport", "TRANSPORTATION_OTHER_TRANSPORTATION"},
    {"transportation", "TRANSPORTATION_OTHER_TRANSPORTATION"},
    {"flight", "TRAVEL_FLIGHTS"}, {"flights", "TRAVEL_FLIGHTS"}, {"airline", "TRAVEL_FLIGHTS"},
    {"airlines", "TRAVEL_FLIGHTS"}, {"indigo", "TRAVEL_FLIGHTS"},
    {"hotel", "TRAVEL_LODGING"}, {"hotels", "TRAVEL_LODGING"}, {"lodging", "TRAVEL_LODGING"},
    {"airbnb", "TRAVEL_LODGING"}, {"oyo", "TRAVEL_LODGING"}, {"marriott", "TRAVEL_LODGING"},
    {"car rental", "TRAVEL_RENTAL_CARS"}, {"rental cars", "TRAVEL_RENTAL_CARS"},
    {"rental", "TRAVEL_RENTAL_CARS"}, {"hertz", "TRAVEL_RENTAL_CARS"},
    {"travel", "TRAVEL_OTHER_TRAVEL"}, {"vacation", "TRAVEL_OTHER_TRAVEL"},
    {"irctc", "TRAVEL_OTHER_TRAVEL"}, {"makemytrip", "TRAVEL_OTHER_TRAVEL"},
    // rent and utilities
    {"rent", "RENT_AND_UTILITIES_RENT"}, {"landlord", "RENT_AND_UTILITIES_RENT"},
    {"housing", "RENT_AND_UTILITIES_RENT"},
    {"electricity", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"}, {"bescom", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"},
    {"tata power", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"}, {"power", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"},
    {"water", "RENT_AND_UTILITIES_WATER"}, {"water can", "RENT_AND_UTILITIES_WATER"},
    {"bwssb", "RENT_AND_UTILITIES_WATER"}, {"sewage", "RENT_AND_UTILITIES_SEWAGE_AND_WASTE_MANAGEMENT"},
    {"internet", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"}, {"broadband", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"},
    {"fibernet", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"}, {"wifi", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"},
    {"cable", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"}, {"comcast", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"},
    {"dth", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"},
    {"phone", "RENT_AND_UTILITIES_TELEPHONE"}, {"telephone", "RENT_AND_UTILITIES_TELEPHONE"},
    {"mobile", "RENT_AND_UTILITIES_TELEPHONE"}, {"prepaid", "RENT_AND_UTILITIES_TELEPHONE"},
    {"postpaid", "RENT_AND_UTILITIES_TELEPHONE"}, {"jio", "RENT_AND_UTILITIES_TELEPHONE"},
    {"airtel", "RENT_AND_UTILITIES_TELEPHONE"}, {"vodafone", "RENT_AND_UTILITIES_TELEPHONE"},
    {"bsnl", "RENT_AND_UTILITIES_TELEPHONE"}, {"verizon", "RENT_AND_UTILITIES_TELEPHONE"},
    {"t mobile", "RENT_AND_UTILITIES_TELEPHONE"},
    {"utilities", "RENT_AND_UTILITIES_OTHER_UTILITIES"}, {"utility", "RENT_AND_UTILITIES_OTHER_UTILITIES"},
    {"lpg", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"},
    // medical
    {"pharmacy", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"}, {"pharmacies", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
    {"chemist", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"}, {"medicine", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
    {"medplus", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"}, {"apollo pharmacy", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
    {"1mg", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"}, {"cvs", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
    {"walgreens", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS"},
    {"doctor", "MEDICAL_PRIMARY_CARE"}, {"clinic", "MEDICAL_PRIMARY_CARE"},
    {"hospital", "MEDICAL_PRIMARY_CARE"}, {"consultation", "MEDICAL_PRIMARY_CARE"},
    {"practo", "MEDICAL_PRIMARY_CARE"}, {"pathlabs", "MEDICAL_PRIMARY_CARE"},
    {"diagnostics", "MEDICAL_PRIMARY_CARE"}, {"lab test", "MEDICAL_PRIMARY_CARE"},
    {"dental", "MEDICAL_DENTAL_CARE"}, {"dentist", "MEDICAL_DENTAL_CARE"},
    {"optician", "MEDICAL_EYE_CARE"}, {"eye care", "MEDICAL_EYE_CARE"},
    {"veterinary", "MEDICAL_VETERINARY_SERVICES"}, {"vet", "MEDICAL_VETERINARY_SERVICES"},
    {"healthcare", "MEDICAL_OTHER_MEDICAL"}, {"health", "MEDICAL_OTHER_MEDICAL"},
    {"medical", "MEDICAL_OTHER_MEDICAL"},
    // personal care
    {"gym", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"}, {"fitness", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"},
    {"cult fit", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"}, {"yoga", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"},
    {"planet fitness", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS"},
    {"salon", "PERSONAL_CARE_HAIR_AND_BEAUTY"}, {"haircut", "PERSONAL_CARE_HAIR_AND_BEAUTY"},
    {"beauty", "PERSONAL_CARE_HAIR_AND_BEAUTY"}, {"spa", "PERSONAL_CARE_HAIR_AND_BEAUTY"},
    {"nykaa", "PERSONAL_CARE_HAIR_AND_BEAUTY"},
    {"laundry", "PERSONAL_CARE_LAUNDRY_AND_DRY_CLEANING"}, {"dry cleaning", "PERSONAL_CARE_LAUNDRY_AND_DRY_CLEANING"},
    {"personal care", "PERSONAL_CARE_OTHER_PERSONAL_CARE"},
    // entertainment
    {"netflix", "ENTERTAINMENT_TV_AND_MOVIES"}, {"youtube", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"hotstar", "ENTERTAINMENT_TV_AND_MOVIES"}, {"amazon prime", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"prime video", "ENTERTAINMENT_TV_AND_MOVIES"}, {"hulu", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"disney", "ENTERTAINMENT_TV_AND_MOVIES"}, {"cinema", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"cinemas", "ENTERTAINMENT_TV_AND_MOVIES"}, {"movie", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"movies", "ENTERTAINMENT_TV_AND_MOVIES"}, {"pvr", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"inox", "ENTERTAINMENT_TV_AND_MOVIES"}, {"bookmyshow", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"streaming", "ENTERTAINMENT_TV_AND_MOVIES"},
    {"spotify", "ENTERTAINMENT_MUSIC_AND_AUDIO"}, {"music", "ENTERTAINMENT_MUSIC_AND_AUDIO"},
    {"gaana", "ENTERTAINMENT_MUSIC_AND_AUDIO"}, {"audible", "ENTERTAINMENT_MUSIC_AND_AUDIO"},
    {"steam", "ENTERTAINMENT_VIDEO_GAMES"}, {"games", "ENTERTAINMENT_VIDEO_GAMES"},
    {"gaming", "ENTERTAINMENT_VIDEO_GAMES"}, {"playstation", "ENTERTAINMENT_VIDEO_GAMES"},
    {"xbox", "ENTERTAINMENT_VIDEO_GAMES"},
    {"arcade", "ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS"},
    {"amusement park", "ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS"},
    {"museum", "ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS"},
    {"concert", "ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS"},
    {"casino", "ENTERTAINMENT_CASINOS_AND_GAMBLING"}, {"lottery", "ENTERTAINMENT_CASINOS_AND_GAMBLING"},
    {"entertainment", "ENTERTAINMENT_OTHER_ENTERTAINMENT"}, {"subscriptions", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    {"subscription", "ENTERTAINMENT_OTHER_ENTERTAINMENT"}, {"hobbies", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    {"hobby", "ENTERTAINMENT_OTHER_ENTERTAINMENT"}, {"leisure", "ENTERTAINMENT_OTHER_ENTERTAINMENT"},
    // general merchandise
    {"amazon", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"}, {"flipkart", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"},
    {"meesho", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"}, {"ebay", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"},
    {"etsy", "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"},
    {"myntra", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"}, {"ajio", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
    {"clothing", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"}, {"clothes", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
    {"apparel", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"}, {"shoes", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
    {"cobbler", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"},
    {"croma", "GENERAL_MERCHANDISE_ELECTRONICS"}, {"electronics", "GENERAL_MERCHANDISE_ELECTRONICS"},
    {"best buy", "GENERAL_MERCHANDISE_ELECTRONICS"}, {"reliance digital", "GENERAL_MERCHANDISE_ELECTRONICS"},
    {"apple store", "GENERAL_MERCHANDISE_ELECTRONICS"},
    {"decathlon", "GENERAL_MERCHANDISE_SPORTING_GOODS"}, {"sporting goods", "GENERAL_MERCHANDISE_SPORTING_GOODS"},
    {"newspaper", "GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS"}, {"books", "GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS"},
    {"bookstore", "GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS"}, {"magazine", "GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS"},
    {"flower", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"}, {"flowers", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"},
    {"florist", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"}, {"gift", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"},
    {"gifts", "GENERAL_MERCHANDISE_GIFTS_AND_NOVELTIES"},
    {"xerox", "GENERAL_MERCHANDISE_OFFICE_SUPPLIES"}, {"stationery", "GENERAL_MERCHANDISE_OFFICE_SUPPLIES"},
    {"printing", "GENERAL_MERCHANDISE_OFFICE_SUPPLIES"},
    {"pan shop", "GENERAL_MERCHANDISE_TOBACCO_AND_VAPE"}, {"tobacco", "GENERAL_MERCHANDISE_TOBACCO_AND_VAPE"},
    {"cigarettes", "GENERAL_MERCHANDISE_TOBACCO_AND_VAPE"},
    {"pet", "GENERAL_MERCHANDISE_PET_SUPPLIES"}, {"petco", "GENERAL_MERCHANDISE_PET_SUPPLIES"},
    {"walmart", "GENERAL_MERCHANDISE_SUPERSTORES"},
    {"costco", "GENERAL_MERCHANDISE_SUPERSTORES"},
    {"7 eleven", "GENERAL_MERCHANDISE_CONVENIENCE_STORES"}, {"convenience", "GENERAL_MERCHANDISE_CONVENIENCE_STORES"},
    {"dollar tree", "GENERAL_MERCHANDISE_DISCOUNT_STORES"}, {"macys", "GENERAL_MERCHANDISE_DEPARTMENT_STORES"},
    {"shoppers stop", "GENERAL_MERCHANDISE_DEPARTMENT_STORES"}, {"lifestyle", "GENERAL_MERCHANDISE_DEPARTMENT_STORES"},
    {"shopping", "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"},
    {"merchandise", "GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE"},
    // home
    {"ikea", "HOME_IMPROVEMENT_FURNITURE"}, {"furniture", "HOME_IMPROVEMENT_FURNITURE"},
    {"pepperfry", "HOME_IMPROVEMENT_FURNITURE"}, {"home depot", "HOME_IMPROVEMENT_HARDWARE"},
    {"lowes", "HOME_IMPROVEMENT_HARDWARE"}, {"hardware", "HOME_IMPROVEMENT_HARDWARE"},
    {"plumber", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"}, {"electrician", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"},
    {"repair", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"}, {"repairs", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"},
    {"maintenance", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"}, {"urban company", "HOME_IMPROVEMENT_REPAIR_AND_MAINTENANCE"},
    {"household", "HOME_IMPROVEMENT_OTHER_HOME_IMPROVEMENT"},
    // services
    {"insurance", "GENERAL_SERVICES_INSURANCE"}, {"lic", "GENERAL_SERVICES_INSURANCE"},
    {"geico", "GENERAL_SERVICES_INSURANCE"},
    {"education", "GENERAL_SERVICES_EDUCATION"}, {"tuition", "GENERAL_SERVICES_EDUCATION"},
    {"school", "GENERAL_SERVICES_EDUCATION"}, {"college", "GENERAL_SERVICES_EDUCATION"},
    {"course", "GENERAL_SERVICES_EDUCATION"}, {"udemy", "GENERAL_SERVICES_EDUCATION"},
    {"coursera", "GENERAL_SERVICES_EDUCATION"}, {"byjus", "GENERAL_SERVICES_EDUCATION"},
    {"childcare", "GENERAL_SERVICES_CHILDCARE"}, {"daycare", "GENERAL_SERVICES_CHILDCARE"},
    {"creche", "GENERAL_SERVICES_CHILDCARE"},
    {"car service", "GENERAL_SERVICES_AUTOMOTIVE"}, {"car wash", "GENERAL_SERVICES_AUTOMOTIVE"},
    {"automotive", "GENERAL_SERVICES_AUTOMOTIVE"}, {"mechanic", "GENERAL_SERVICES_AUTOMOTIVE"},
    {"courier", "GENERAL_SERVICES_POSTAGE_AND_SHIPPING"}, {"postage", "GENERAL_SERVICES_POSTAGE_AND_SHIPPING"},
    {"shipping", "GENERAL_SERVICES_POSTAGE_AND_SHIPPING"}, {"usps", "GENERAL_SERVICES_POSTAGE_AND_SHIPPING"},
    {"google one", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES"}, {"icloud", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES"},
    {"dropbox", "GENERAL_SERVICES_OTHER_GENERAL_SERVICES"}, {"storage unit", "GENERAL_SERVICES_STORAGE"},
    {"lawyer", "GENERAL_SERVICES_CONSULTING_AND_LEGAL"}, {"legal", "GENERAL_SERVICES_CONSULTING_AND_LEGAL"},
    {"accountant", "GENERAL_SERVICES_ACCOUNTING_AND_FINANCIAL_PLANNING"},
    {"ca fees", "GENERAL_SERVICES_ACCOUNTING_AND_FINANCIAL_PLANNING"},
});

// Every table names a detailed code of the taxonomy, in normalised text: checked when compiling.
template <std::size_t Size>
constexpr bool well_formed(const std::array<Entry, Size>& table) {
  for (const auto& entry : table) {
    if (std::ranges::find(kTaxonomy, entry.code, &Category::detailed) == kTaxonomy.end()) return false;
    if (entry.text.empty() || entry.text.front() == ' ' || entry.text.back() == ' ') return false;
    for (std::size_t i = 0; i < entry.text.size(); ++i) {
      const char c = entry.text[i];
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == ' ' && entry.text[i - 1] != ' ');
      if (!ok) return false;
    }
  }
  return true;
}
static_assert(well_formed(kNames), "a name is not normalised or names an unknown code");
static_assert(well_formed(kKeywords), "a keyword is not normalised or names an unknown code");

// The longest keyword, in words.
constexpr std::size_t kMaxKeywordWords = 3;

bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if (c == '\'') continue;  // Haldiram's, Lowe's, Macy's
    if (ascii_alnum(c) || c >= 0x80) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    } else {
      end_word();
      if (c == '&') words.emplace_back("and");
    }
  }
  end_word();
  return words;
}

std::string join(std::span<const std::string> words) {
  std::string joined;
  for (const auto& word : words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += word;
  }
  return joined;
}

struct Hit {
  const Category* category = nullptr;
  bool general = false;
};

// The tables indexed once (constant data; lookups are per transaction).
struct Index {
  std::unordered_map<std::string, const Category*> by_code;     // normalised detailed code
  std::unordered_map<std::string, const Category*> by_primary;  // normalised primary -> catch-all
  std::unordered_map<std::string, Hit> names;
  std::unordered_map<std::string, const Category*> keywords;
};

const Category* exact(std::string_view code) {
  const auto it = std::ranges::find(kTaxonomy, code, &Category::detailed);
  return it == kTaxonomy.end() ? nullptr : &*it;
}

const Index& index() {
  static const Index built = [] {
    Index index;
    for (const auto& category : kTaxonomy) {
      index.by_code.emplace(join(words_of(category.detailed)), &category);
      if (category.general) index.by_primary.emplace(join(words_of(category.primary)), &category);
    }
    for (const auto& name : kNames) index.names.emplace(name.text, Hit{exact(name.code), name.general});
    for (const auto& keyword : kKeywords) index.keywords.emplace(keyword.text, exact(keyword.code));
    return index;
  }();
  return built;
}

// Rules 4 and 5: phrases of three, then two words, then single words, each from the end.
const Category* keyword_of(std::span<const std::string> words) {
  const auto& keywords = index().keywords;
  for (std::size_t length = std::min(kMaxKeywordWords, words.size()); length >= 1; --length) {
    for (std::size_t end = words.size(); end >= length; --end) {
      const std::string phrase = join(words.subspan(end - length, length));
      if (const auto it = keywords.find(phrase); it != keywords.end()) return it->second;
    }
  }
  return nullptr;
}

Hit category_hit(std::string_view category, Rule& rule) {
  const auto& idx = index();
  const std::vector<std::string> words = words_of(category);
  const std::string name = join(words);
  if (std::ranges::find(kCatchAllNames, std::string_view(name)) != kCatchAllNames.end()) return {};
  if (const auto it = idx.by_code.find(name); it != idx.by_code.end()) {
    rule = Rule::kCode;
    return {it->second, false};
  }
  if (const auto it = idx.names.find(name); it != idx.names.end()) {
    rule = Rule::kName;
    return {it->second.category, it->second.general || it->second.category->general};
  }
  // A primary code means its catch-all, when written as a code (FOOD_AND_DRINK, MEDICAL).
  if (category.find(' ') == std::string_view::npos) {
    if (const auto it = idx.by_primary.find(name); it != idx.by_primary.end()) {
      rule = Rule::kCode;
      return {it->second, true};
    }
  }
  if (const auto* found = keyword_of(words)) {
    rule = Rule::kCategoryWord;
    return {found, found->general};
  }
  return {};
}

}  // namespace

std::span<const Category> taxonomy() noexcept { return kTaxonomy; }

const Category* find_detailed(std::string_view code) noexcept {
  const auto& by_code = index().by_code;
  std::string lower;
  lower.reserve(code.size());
  for (const char raw : code) {
    if (raw == '_') {
      lower.push_back(' ');
    } else if (ascii_alnum(static_cast<unsigned char>(raw))) {
      lower.push_back(raw >= 'A' && raw <= 'Z' ? static_cast<char>(raw - 'A' + 'a') : raw);
    } else {
      return nullptr;
    }
  }
  const auto it = by_code.find(lower);
  return it == by_code.end() ? nullptr : it->second;
}

const Category& uncategorized() noexcept { return kTaxonomy.back(); }
const Category& other_income() noexcept { return *exact("INCOME_OTHER_INCOME"); }

std::string normalise(std::string_view text) { return join(words_of(text)); }

core::Result<Overrides> Overrides::make(std::span<const std::pair<std::string, std::string>> entries) {
  Overrides overrides;
  std::vector<core::FieldError> errors;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [text, code] = entries[i];
    std::string key = normalise(text);
    const Category* category = find_detailed(code);
    const std::string path = "$.overrides[" + std::to_string(i) + "]";
    if (key.empty()) {
      errors.push_back({path + ".match", "must contain a letter or digit", "value_error"});
    }
    if (category == nullptr) {
      errors.push_back({path + ".category", "must be a detailed category of the taxonomy, not '" + code + "'",
                        "value_error"});
    }
    if (!key.empty() && category != nullptr) overrides.by_text_.insert_or_assign(std::move(key), category);
  }
  if (!errors.empty()) return core::fail_validation(std::move(errors));
  return overrides;
}

const Category* Overrides::find(std::string_view text) const {
  if (by_text_.empty()) return nullptr;
  const auto it = by_text_.find(normalise(text));
  return it == by_text_.end() ? nullptr : it->second;
}

Mapping categorise(std::string_view category, std::string_view description, bool income,
                   const Overrides& overrides) {
  if (const auto* found = overrides.find(description)) return {found, Rule::kOverride};
  if (const auto* found = overrides.find(category)) return {found, Rule::kOverride};

  Rule rule = Rule::kFallback;
  const Hit hit = category_hit(category, rule);
  if (hit.category != nullptr && !hit.general) return {hit.category, rule};

  const std::vector<std::string> words = words_of(description);
  const Category* from_description = keyword_of(words);
  if (hit.category != nullptr) {
    // Rule 3/4 gave a general category: a description keyword of the same primary refines it.
    if (from_description != nullptr && from_description->primary == hit.category->primary &&
        from_description != hit.category) {
      return {from_description, Rule::kDescription};
    }
    return {hit.category, rule};
  }
  if (from_description != nullptr) return {from_description, Rule::kDescription};
  return {income ? &other_income() : &uncategorized(), Rule::kFallback};
}

std::string_view to_string(Group group) noexcept {
  switch (group) {
    case Group::kNeeds: return "needs";
    case Group::kWants: return "wants";
    case Group::kSavings: return "savings";
    case Group::kIncome: return "income";
    case Group::kTransfer: return "transfer";
  }
  return "wants";
}

std::string_view to_string(Rule rule) noexcept {
  switch (rule) {
    case Rule::kOverride: return "override";
    case Rule::kCode: return "code";
    case Rule::kName: return "name";
    case Rule::kCategoryWord: return "category_keyword";
    case Rule::kDescription: return "description_keyword";
    case Rule::kFallback: return "fallback";
  }
  return "fallback";
}

}  // namespace finml::analytics::categories
