-- finml schema 1 (SQLite). Starts from the original service's tables (seed-api.md section 4)
-- and keeps their table and column names where they fit. Money is integer minor units plus an
-- ISO 4217 code (SQLite has no decimal type: NUMERIC would store binary floats). Dates are
-- 'YYYY-MM-DD' text; instants are fixed-width UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ', so that
-- text order is time order.

CREATE TABLE users (
  user_id      INTEGER PRIMARY KEY,  -- the calling app's own id
  name         TEXT NOT NULL DEFAULT '',
  email        TEXT,
  data_version INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email) WHERE email IS NOT NULL;

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  name          TEXT NOT NULL DEFAULT '',
  account_type  TEXT NOT NULL DEFAULT 'other'
                CHECK (account_type IN ('cash', 'checking', 'savings', 'credit_card', 'loan',
                                        'investment', 'other')),
  currency      TEXT NOT NULL,
  balance_minor INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX ix_accounts_user ON accounts (user_id);

CREATE TABLE categories (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER REFERENCES users (user_id) ON DELETE CASCADE,  -- NULL: a global category
  name       TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('income', 'expense', 'savings', 'transfer')),
  bucket     TEXT CHECK (bucket IN ('needs', 'wants', 'savings', 'income', 'transfer')),
  detailed   TEXT,  -- a detailed category of the taxonomy, e.g. FOOD_AND_DRINK_GROCERIES
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_categories_user_name_type ON categories (COALESCE(user_id, 0), name, type);

CREATE TABLE bills (
  id                   INTEGER PRIMARY KEY,
  user_id              INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  bill_name            TEXT NOT NULL,
  due_date             TEXT NOT NULL,
  amount_minor         INTEGER NOT NULL,
  currency             TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'unpaid' CHECK (status IN ('paid', 'unpaid')),
  is_recurring         INTEGER NOT NULL DEFAULT 0 CHECK (is_recurring IN (0, 1)),
  recurrence_frequency TEXT,
  reminder_days_before INTEGER,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX ix_bills_user ON bills (user_id);

CREATE TABLE transactions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  account_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  category_id  INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  bill_id      INTEGER REFERENCES bills (id) ON DELETE SET NULL,
  amount_minor INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('income', 'expense', 'savings', 'transfer')),
  date         TEXT NOT NULL,
  category     TEXT NOT NULL DEFAULT '',  -- the free-text name as received
  description  TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  external_id  TEXT,                      -- the caller's id for the row
  fingerprint  TEXT,                      -- for duplicate detection on import
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX ix_transactions_user_date ON transactions (user_id, date, id);

CREATE TABLE budgets (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  category     TEXT,  -- NULL: an overall budget
  amount_minor INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  start_date   TEXT NOT NULL,
  end_date     TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX ix_budgets_user ON budgets (user_id);

CREATE TABLE financial_goals (
  id                         INTEGER PRIMARY KEY,
  user_id                    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  goal_name                  TEXT NOT NULL,
  target_amount_minor        INTEGER NOT NULL,
  current_amount_minor       INTEGER NOT NULL DEFAULT 0,
  currency                   TEXT NOT NULL,
  target_date                TEXT,
  monthly_contribution_minor INTEGER,
  status                     TEXT NOT NULL DEFAULT 'active',
  created_at                 TEXT NOT NULL,
  updated_at                 TEXT NOT NULL
);
CREATE INDEX ix_financial_goals_user_status ON financial_goals (user_id, status);

CREATE TABLE model_parameters (
  id                INTEGER PRIMARY KEY,
  user_id           INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  model_type        TEXT NOT NULL,
  target_table      TEXT NOT NULL,
  slope             REAL,
  intercept         REAL,
  parameters        TEXT NOT NULL DEFAULT '{}',
  last_trained_date TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (user_id, model_type, target_table)
);

CREATE TABLE financial_health_history (
  id                        INTEGER PRIMARY KEY,
  user_id                   INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  score                     REAL NOT NULL CHECK (score >= 0 AND score <= 100),
  savings_rate_score        REAL,
  expense_consistency_score REAL,
  emergency_fund_score      REAL,
  debt_ratio_score          REAL,
  goal_progress_score       REAL,
  grade                     TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'F')),
  recommendations           TEXT NOT NULL DEFAULT '[]',
  calculated_at             TEXT NOT NULL
);
CREATE INDEX ix_financial_health_history_user_time ON financial_health_history (user_id, calculated_at);
