#!/usr/bin/env Rscript
# Builds the forecast accuracy benchmark: bench/forecast/data/cases.csv.
# Run from the repository root:  Rscript tools/forecast/make_benchmark_cases.R
#
# Series: every monthly and quarterly series of R's datasets and forecast packages listed below,
# and the monthly/quarterly series that ship with Debian's python3-statsmodels (read from its
# CSV files, so Python is not needed). Long series are cut to their last 240 points.
#
# Cases: for each series, horizon H in {6, 12}, two forecast origins, and histories of
# 8, 12, 18, 24, 36, 48, 72 points and the full history before the origin (capped at 144):
#   origin "test": the holdout is the last H points of the series;
#   origin "dev":  the holdout ends 24 points before the end of the series.
# Strategy tuning may only look at "dev" cases; the reported results are the "test" cases,
# whose holdouts lie after every "dev" holdout (see docs/numerics.md, "Protocol").
# Columns: id,series,period,split,history,horizon,scale,history_values,future_values; the two
# value lists are space-separated. scale is the in-sample MAE of the seasonal naive method
# (lag = period; lag 1 for period 1) on all data before the origin: the MASE denominator.
suppressPackageStartupMessages(library(forecast))
sm <- "/usr/lib/python3/dist-packages/statsmodels/datasets"

series <- list(
  AirPassengers = AirPassengers, USAccDeaths = USAccDeaths, ldeaths = ldeaths,
  mdeaths = mdeaths, fdeaths = fdeaths, UKDriverDeaths = UKDriverDeaths, nottem = nottem,
  co2 = co2, sunspot_month = sunspot.month,
  Seatbelts_front = Seatbelts[, "front"], Seatbelts_rear = Seatbelts[, "rear"],
  Seatbelts_kms = Seatbelts[, "kms"], Seatbelts_PetrolPrice = Seatbelts[, "PetrolPrice"],
  Seatbelts_VanKilled = Seatbelts[, "VanKilled"],
  wineind = forecast::wineind, gas = forecast::gas,
  UKgas = UKgas, JohnsonJohnson = JohnsonJohnson, austres = austres,
  woolyrnq = forecast::woolyrnq
)
elec <- read.csv(file.path(sm, "elec_equip", "elec_equip.csv"))
series$elec_equip <- ts(elec[, 2], frequency = 12)
elnino <- read.csv(file.path(sm, "elnino", "elnino.csv"))
series$elnino <- ts(as.vector(t(as.matrix(elnino[, -1]))), frequency = 12)
macro <- read.csv(file.path(sm, "macrodata", "macrodata.csv"))
for (col in c("realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1",
              "tbilrate", "unemp", "pop", "infl")) {
  series[[paste0("macro_", col)]] <- ts(macro[[col]], frequency = 4)
}

source("tools/forecast/benchmark_cases.R")
write_cases(benchmark_cases(series, list(list(offset = 0, label = "test", split = "test"),
                                         list(offset = 24, label = "dev", split = "dev"))),
            "bench/forecast/data/cases.csv")
