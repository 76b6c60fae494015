#!/usr/bin/env Rscript
# Writes the reference values that tests/analytics/forecast/*_reference_test.cpp compare against:
#   tests/analytics/forecast/fixtures/reference_series.csv  name,frequency,t,value
#   tests/analytics/forecast/fixtures/reference_ets.csv     case,field,index,value
#   tests/analytics/forecast/fixtures/reference_arima.csv   case,field,index,value
# Run from the repository root:  Rscript tools/forecast/make_reference_fixtures.R
# Needs Debian's r-cran-forecast (forecast 8.20 on R 4.2.2 made the committed files).
suppressPackageStartupMessages(library(forecast))
out_dir <- "tests/analytics/forecast/fixtures"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

series <- list(
  AirPassengers = AirPassengers,
  USAccDeaths = USAccDeaths,
  wineind = forecast::wineind,
  UKgas = UKgas,
  austres = austres,
  WWWusage = WWWusage,
  LakeHuron = LakeHuron,
  Nile = Nile,
  ldeaths = ldeaths
)
rows <- do.call(rbind, lapply(names(series), function(name) {
  y <- series[[name]]
  data.frame(name = name, frequency = frequency(y), t = seq_along(y), value = as.numeric(y))
}))
write.csv(rows, file.path(out_dir, "reference_series.csv"), row.names = FALSE, quote = FALSE)

long <- function(case, field, values) {
  if (length(values) == 0) {
    return(data.frame(case = character(0), field = character(0), index = integer(0),
                      value = numeric(0)))
  }
  data.frame(case = case, field = field, index = seq_along(values) - 1L, value = as.numeric(values))
}

# ---------------------------------------------------------------- ETS
ets_cases <- list(
  c("AirPassengers", "MAM", "FALSE"), c("AirPassengers", "MAM", "TRUE"),
  c("AirPassengers", "AAA", "FALSE"), c("AirPassengers", "MNM", "FALSE"),
  c("AirPassengers", "ANA", "FALSE"),
  c("USAccDeaths", "ANA", "FALSE"), c("USAccDeaths", "AAA", "FALSE"),
  c("USAccDeaths", "AAA", "TRUE"), c("USAccDeaths", "MAM", "FALSE"),
  c("wineind", "MNM", "FALSE"), c("wineind", "ANA", "FALSE"), c("wineind", "MAM", "TRUE"),
  c("UKgas", "MAM", "FALSE"), c("UKgas", "AAA", "FALSE"),
  c("austres", "AAN", "FALSE"), c("austres", "AAN", "TRUE"), c("austres", "MAN", "TRUE"),
  c("WWWusage", "ANN", "FALSE"), c("WWWusage", "AAN", "TRUE"), c("WWWusage", "MNN", "FALSE"),
  c("Nile", "ANN", "FALSE"), c("Nile", "MNN", "FALSE"), c("LakeHuron", "AAN", "TRUE")
)
h <- 24
ets_rows <- list()
for (cs in ets_cases) {
  name <- cs[1]; model <- cs[2]; damped <- as.logical(cs[3])
  y <- series[[name]]
  fit <- ets(y, model = model, damped = damped)
  case <- paste0(name, "_", model, ifelse(damped, "_damped", ""))
  fc <- forecast(fit, h = h, level = c(80, 95), simulate = FALSE, PI = TRUE)
  par <- fit$par
  get <- function(p) if (is.na(par[p])) NA else par[p]
  ets_rows[[case]] <- rbind(
    long(case, "series", 0), # placeholder row replaced below
    long(case, "alpha", get("alpha")), long(case, "beta", ifelse(is.na(get("beta")), 0, get("beta"))),
    long(case, "gamma", ifelse(is.na(get("gamma")), 0, get("gamma"))),
    long(case, "phi", ifelse(is.na(get("phi")), 1, get("phi"))),
    long(case, "initial_state", fit$states[1, ]),
    long(case, "loglik", fit$loglik), long(case, "aic", fit$aic), long(case, "aicc", fit$aicc),
    long(case, "bic", fit$bic), long(case, "sigma2", fit$sigma2), long(case, "mse", fit$mse),
    long(case, "fitted", fitted(fit)),
    long(case, "mean", fc$mean), long(case, "lower80", fc$lower[, 1]),
    long(case, "upper80", fc$upper[, 1]), long(case, "lower95", fc$lower[, 2]),
    long(case, "upper95", fc$upper[, 2])
  )
  ets_rows[[case]] <- ets_rows[[case]][-1, ]
  ets_rows[[case]] <- rbind(
    data.frame(case = case, field = c("series", "error", "trend", "season", "damped", "period"),
               index = 0L, value = c(name, substr(model, 1, 1), substr(model, 2, 2),
                                     substr(model, 3, 3), as.integer(damped), frequency(y))),
    ets_rows[[case]])
}
# Automatic selection (model = "ZZZ"): the chosen model and its AICc.
for (name in c("AirPassengers", "USAccDeaths", "wineind", "UKgas", "austres", "WWWusage", "Nile")) {
  y <- series[[name]]
  fit <- ets(y)
  case <- paste0(name, "_auto")
  comp <- fit$components
  ets_rows[[case]] <- rbind(
    data.frame(case = case, field = c("series", "error", "trend", "season", "damped", "period"),
               index = 0L, value = c(name, comp[1], comp[2], comp[3], as.integer(comp[4] == "TRUE"),
                                     frequency(y))),
    long(case, "aicc", fit$aicc), long(case, "loglik", fit$loglik))
}
write.csv(do.call(rbind, ets_rows), file.path(out_dir, "reference_ets.csv"), row.names = FALSE,
          quote = FALSE)

# ---------------------------------------------------------------- ARIMA
arima_cases <- list(
  list("AirPassengers_log_airline", "AirPassengers", TRUE, c(0, 1, 1), c(0, 1, 1), FALSE),
  list("USAccDeaths_airline", "USAccDeaths", FALSE, c(0, 1, 1), c(0, 1, 1), FALSE),
  list("wineind_112_011", "wineind", FALSE, c(1, 1, 2), c(0, 1, 1), FALSE),
  list("AirPassengers_211_010", "AirPassengers", FALSE, c(2, 1, 1), c(0, 1, 0), FALSE),
  list("LakeHuron_200_mean", "LakeHuron", FALSE, c(2, 0, 0), c(0, 0, 0), TRUE),
  list("LakeHuron_101_mean", "LakeHuron", FALSE, c(1, 0, 1), c(0, 0, 0), TRUE),
  list("WWWusage_111", "WWWusage", FALSE, c(1, 1, 1), c(0, 0, 0), FALSE),
  list("WWWusage_310", "WWWusage", FALSE, c(3, 1, 0), c(0, 0, 0), FALSE),
  list("austres_110_drift", "austres", FALSE, c(1, 1, 0), c(0, 0, 0), TRUE),
  list("Nile_011", "Nile", FALSE, c(0, 1, 1), c(0, 0, 0), FALSE),
  list("UKgas_log_011_011", "UKgas", TRUE, c(0, 1, 1), c(0, 1, 1), FALSE),
  list("ldeaths_100_100_mean", "ldeaths", FALSE, c(1, 0, 0), c(1, 0, 0), TRUE),
  list("USAccDeaths_011_110", "USAccDeaths", FALSE, c(0, 1, 1), c(1, 1, 0), FALSE),
  list("wineind_100_011_drift", "wineind", FALSE, c(1, 0, 0), c(0, 1, 1), TRUE)
)
arima_rows <- list()
for (cs in arima_cases) {
  case <- cs[[1]]; name <- cs[[2]]; use_log <- cs[[3]]
  y <- series[[name]]
  if (use_log) y <- log(y)
  order <- cs[[4]]; seasonal <- cs[[5]]; constant <- cs[[6]]
  fit <- Arima(y, order = order, seasonal = list(order = seasonal, period = frequency(y)),
               include.constant = constant, method = "ML")
  fc <- forecast(fit, h = h, level = c(80, 95))
  coef <- fit$coef
  pick <- function(prefix) unname(coef[grepl(paste0("^", prefix, "[0-9]+$"), names(coef))])
  const <- if (constant) unname(coef[names(coef) %in% c("intercept", "drift")]) else 0
  arima_rows[[case]] <- rbind(
    data.frame(case = case, field = c("series", "log", "p", "d", "q", "P", "D", "Q", "period",
                                      "constant"),
               index = 0L, value = c(name, as.integer(use_log), order, seasonal, frequency(y),
                                     as.integer(constant))),
    long(case, "ar", pick("ar")), long(case, "ma", pick("ma")), long(case, "sar", pick("sar")),
    long(case, "sma", pick("sma")), long(case, "constant_value", const),
    long(case, "loglik", fit$loglik), long(case, "aic", fit$aic), long(case, "aicc", fit$aicc),
    long(case, "sigma2", fit$sigma2),
    long(case, "mean", fc$mean), long(case, "lower80", fc$lower[, 1]),
    long(case, "upper80", fc$upper[, 1]), long(case, "lower95", fc$lower[, 2]),
    long(case, "upper95", fc$upper[, 2])
  )
}
for (name in c("AirPassengers", "USAccDeaths", "wineind", "WWWusage", "LakeHuron", "austres",
               "Nile")) {
  y <- series[[name]]
  fit <- auto.arima(y)
  a <- fit$arma  # p, q, P, Q, m, d, D
  constant <- any(names(fit$coef) %in% c("intercept", "drift"))
  case <- paste0(name, "_auto")
  arima_rows[[case]] <- rbind(
    data.frame(case = case, field = c("series", "log", "p", "d", "q", "P", "D", "Q", "period",
                                      "constant"),
               index = 0L, value = c(name, 0L, a[1], a[6], a[2], a[3], a[7], a[4], frequency(y),
                                     as.integer(constant))),
    long(case, "aicc", fit$aicc), long(case, "loglik", fit$loglik))
}
write.csv(do.call(rbind, arima_rows), file.path(out_dir, "reference_arima.csv"),
          row.names = FALSE, quote = FALSE)
cat("forecast", as.character(packageVersion("forecast")), "on", R.version.string, "\n")

# ---------------------------------------------------------------- baselines
# naive, snaive, rwf(drift = TRUE), meanf, thetaf and a linear trend (lm + predict) on windows.
baseline_windows <- list(
  list("USAccDeaths_30", "USAccDeaths", 30), list("austres_40", "austres", 40),
  list("WWWusage_100", "WWWusage", 100), list("AirPassengers_60", "AirPassengers", 60)
)
baseline_rows <- list()
for (bw in baseline_windows) {
  y <- series[[bw[[2]]]]
  y <- ts(head(as.numeric(y), bw[[3]]), frequency = frequency(y))
  n <- length(y)
  fcs <- list(naive = naive(y, h = h, level = 95), snaive = snaive(y, h = h, level = 95),
              drift = rwf(y, h = h, drift = TRUE, level = 95), mean = meanf(y, h = h, level = 95),
              theta = thetaf(y, h = h, level = 95))
  fit <- lm(v ~ t, data = data.frame(v = as.numeric(y), t = seq_len(n)))
  lin <- predict(fit, newdata = data.frame(t = n + seq_len(h)), interval = "prediction", level = 0.95)
  for (method in names(fcs)) {
    case <- paste0(bw[[1]], "_", method)
    f <- fcs[[method]]
    baseline_rows[[case]] <- rbind(
      data.frame(case = case, field = c("series", "length", "period", "method"), index = 0L,
                 value = c(bw[[2]], n, frequency(y), method)),
      long(case, "mean", f$mean), long(case, "lower95", f$lower[, 1]),
      long(case, "upper95", f$upper[, 1]))
  }
  case <- paste0(bw[[1]], "_linear")
  baseline_rows[[case]] <- rbind(
    data.frame(case = case, field = c("series", "length", "period", "method"), index = 0L,
               value = c(bw[[2]], n, frequency(y), "linear")),
    long(case, "mean", lin[, "fit"]), long(case, "lower95", lin[, "lwr"]),
    long(case, "upper95", lin[, "upr"]))
}
write.csv(do.call(rbind, baseline_rows), file.path(out_dir, "reference_baseline.csv"),
          row.names = FALSE, quote = FALSE)

# ---------------------------------------------------------------- unit-root tests
unit_rows <- list()
for (name in names(series)) {
  y <- as.numeric(series[[name]])
  lag <- trunc(3 * sqrt(length(y)) / 13)
  stat <- urca::ur.kpss(y, type = "mu", use.lag = lag)@teststat
  unit_rows[[name]] <- data.frame(case = name, field = c("series", "kpss", "ndiffs"), index = 0L,
                                  value = c(name, format(stat, digits = 15), ndiffs(y)))
}
write.csv(do.call(rbind, unit_rows), file.path(out_dir, "reference_unit_root.csv"),
          row.names = FALSE, quote = FALSE)
