#!/usr/bin/env Rscript
# Builds the FRESH holdout of the forecast accuracy benchmark: bench/forecast/data/fresh_cases.csv.
# Run from the repository root:  Rscript tools/forecast/make_fresh_cases.R
#
# Why: the "test" split of cases.csv was looked at several times while the auto strategy was
# designed (docs/numerics.md, "Protocol"), so it is no longer a clean holdout. These cases come
# from public monthly and quarterly series that cases.csv does not use, nor anything trivially
# derived from one it uses (the same series logged, aggregated or in another package), and were
# evaluated once, after the strategy and its interval rule were frozen on the dev split.
#
# Series (all installed with Debian's R packages or python3-statsmodels, no network needed):
#   tseries:  tcm (US Treasury constant-maturity yields, monthly): tcm1y, tcm10y;
#             nino (sea-surface temperature, monthly): nino3.4 (the Nino 3.4 region; cases.csv's
#             elnino is the Nino 1+2 region); USeconomic (quarterly): rl, the long-term rate.
#   lmtest:   monthly US series 1959-1993 (column y): ip (industrial production), jocci
#             (commodity prices), pw561 (crude-petroleum producer prices), gmdc (consumption
#             deflator), fyff (federal funds rate); quarterly: bondyield RAARUS,
#             currencysubstitution logCUS and Ic, valueofstocks VST and MB.
#   urca:     quarterly: denmark LRM, LRY, LPY, IBO, IDE (1974-1987); finland lrm1, lny, lnmr,
#             difp (1958-1984); UKconinc conl, incl (1955-1984); UKpppuip p1, p2, e12, i1, i2
#             (1972-1987).
#   datasets: EuStockMarkets DAX, SMI, CAC, FTSE (daily closes averaged by month; the first and
#             last months, which may be partial, are dropped); freeny.y (quarterly revenue).
#   statsmodels: interest_inflation Dp and R (West Germany, quarterly 1972-1998).
# Left out on purpose: lmtest lhur (monthly US unemployment; macro_unemp is its quarterly
# mean), USeconomic log(M1), log(GNP) and rs (macro_m1, macro_realgdp, macro_tbilrate),
# currencysubstitution Iu (a US short rate, as macro_tbilrate), R's sunspots (= sunspot.month),
# statsmodels co2 (= R's co2) and danish_data (= urca's denmark), tseries nino3 (next to
# nino3.4), tcm3y and tcm5y (between tcm1y and tcm10y), UKconsumption (UKconinc is longer).
#
# Cases follow the rules of make_benchmark_cases.R: long series cut to their last 240 points;
# horizon H in {6, 12}; histories of 8, 12, 18, 24, 36, 48, 72 points and the full history
# before the origin (capped at 144); the holdout is the last H points of the series (split
# "fresh"). MASE scale: in-sample seasonal-naive MAE of all data before the origin.
# Columns as in cases.csv: id,series,period,split,history,horizon,scale,history_values,
# future_values.
suppressPackageStartupMessages({
  library(forecast)
})
sm <- "/usr/lib/python3/dist-packages/statsmodels/datasets"
get_data <- function(item, package) {
  e <- new.env()
  data(list = item, package = package, envir = e)
  get(item, envir = e)
}

series <- list()
tcm <- get_data("tcm", "tseries")
series$tcm1y <- tcm[, "tcm1y"]
series$tcm10y <- tcm[, "tcm10y"]
series$nino34 <- get_data("nino", "tseries")[, "nino3.4"]
series$USeconomic_rl <- get_data("USeconomic", "tseries")[, "rl"]
for (item in c("ip", "jocci", "pw561", "gmdc", "fyff")) {
  series[[paste0("lmtest_", item)]] <- get_data(item, "lmtest")[, "y"]
}
series$bondyield_RAARUS <- get_data("bondyield", "lmtest")[, "RAARUS"]
cs <- get_data("currencysubstitution", "lmtest")
series$currsub_logCUS <- cs[, "logCUS"]
series$currsub_Ic <- cs[, "Ic"]
vs <- get_data("valueofstocks", "lmtest")
series$valueofstocks_VST <- vs[, "VST"]
series$valueofstocks_MB <- vs[, "MB"]
denmark <- get_data("denmark", "urca")
for (col in c("LRM", "LRY", "LPY", "IBO", "IDE")) {
  series[[paste0("denmark_", col)]] <- ts(denmark[[col]], frequency = 4)
}
finland <- get_data("finland", "urca")
for (col in c("lrm1", "lny", "lnmr", "difp")) {
  series[[paste0("finland_", col)]] <- ts(finland[[col]], frequency = 4)
}
ukci <- get_data("UKconinc", "urca")
for (col in c("conl", "incl")) series[[paste0("UKconinc_", col)]] <- ts(ukci[[col]], frequency = 4)
ukppp <- get_data("UKpppuip", "urca")
for (col in c("p1", "p2", "e12", "i1", "i2")) {
  series[[paste0("UKpppuip_", col)]] <- ts(ukppp[[col]], frequency = 4)
}
eu <- EuStockMarkets
month_index <- floor(time(eu) * 12 + 1e-9)
for (col in colnames(eu)) {
  means <- tapply(as.numeric(eu[, col]), month_index, mean)
  means <- means[-c(1, length(means))]
  series[[paste0("EuStock_", col)]] <- ts(as.numeric(means), frequency = 12)
}
series$freeny <- freeny.y
ii <- read.csv(file.path(sm, "interest_inflation", "E6.csv"))
series$interest_inflation_Dp <- ts(ii$Dp, frequency = 4)
series$interest_inflation_R <- ts(ii$R, frequency = 4)

used <- unique(read.csv("bench/forecast/data/cases.csv", stringsAsFactors = FALSE)$series)
stopifnot(!any(names(series) %in% used))

source("tools/forecast/benchmark_cases.R")
stopifnot(all(sapply(series, frequency) %in% c(4, 12)))
# With --tuning, TUNING windows instead: holdouts ending 24 and 48 points before the end of the
# series (split "fresh_dev", bench/forecast/data/fresh_dev_cases.csv). They never overlap the
# holdout at the end, which stays the evaluation.
holdout <- holdout_windows("fresh")
write_cases(benchmark_cases(series, holdout$windows), holdout$path)
