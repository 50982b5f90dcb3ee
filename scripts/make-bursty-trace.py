#!/usr/bin/env python3
"""A synthetic bursty trace, for trying a policy on traffic unlike the bundled ones.

    scripts/make-bursty-trace.py OUT.csv [--days 21] [--seed 42] [--shape bursty|business]

Minute bins (CSV t_seconds,requests), Poisson-like noise, deterministic for a seed.
--shape bursty (the default): a daily wave (0.2 to 1.0 of 400 requests a minute, lower on
weekends) with 3 to 6 bursts a day, each 5 to 30 minutes long and 1 to 3 times the load at its
crest, of which 40 % recur the next day within 15 minutes of the same clock time.
--shape business: business hours on weekdays: 0.1 of 400 requests a minute at night, a rise
over 20 to 40 minutes from about 08:00 (give or take 10 minutes) to 1.0, a lunch dip to 0.7
from about 12:30, a fall from about 17:30; weekends at 0.15; each day's peak 0.85 to 1.15.
"""
import argparse
import math
import random

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("out")
parser.add_argument("--days", type=int, default=21)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--shape", choices=["bursty", "business"], default="bursty")
args = parser.parse_args()
if args.days < 2:
    parser.error(f"--days must be 2 or more, got {args.days}")

random.seed(args.seed)
bins = args.days * 1440


def business():
    """Weekday business hours, quiet nights and weekends."""
    shape = []
    for day in range(args.days):
        if day % 7 >= 5:
            shape.extend([0.15] * 1440)
            continue
        start = 480 + random.randint(-10, 10)
        rise = random.randint(20, 40)
        lunch = 750 + random.randint(-10, 10)
        end = 1050 + random.randint(-15, 15)
        peak = random.uniform(0.85, 1.15)
        for minute in range(1440):
            if minute < start or minute >= end + 30:
                level = 0.1
            elif minute < start + rise:
                level = 0.1 + (peak - 0.1) * (minute - start) / rise
            elif minute >= end:
                level = peak - (peak - 0.1) * (minute - end) / 30
            elif lunch <= minute < lunch + 60:
                level = 0.7 * peak
            else:
                level = peak
            shape.append(level)
    return [400 * level for level in shape]


if args.shape == "business":
    with open(args.out, "w") as out:
        out.write("t_seconds,requests\n")
        for i, rate in enumerate(business()):
            out.write(f"{i * 60},{max(0, int(random.gauss(rate, math.sqrt(rate))))}\n")
    raise SystemExit(0)
load = []
for i in range(bins):
    minute = i % 1440
    weekend = (i // 1440) % 7 >= 5
    load.append(400 * (0.6 + 0.4 * math.sin(2 * math.pi * (minute - 420) / 1440)) * (0.85 if weekend else 1.0))
previous = []
for day in range(args.days):
    today = [(start + random.randint(-15, 15), length, height * random.uniform(0.8, 1.2))
             for (start, length, height) in previous if random.random() < 0.4]
    for _ in range(random.randint(3, 6)):
        today.append((random.randint(0, 1439), random.randint(5, 30), random.uniform(1.0, 3.0)))
    for (start, length, height) in today:
        for k in range(length):
            i = day * 1440 + start + k
            if 0 <= i < bins:
                load[i] *= 1 + height * math.sin(math.pi * (k + 0.5) / length)
    previous = today
with open(args.out, "w") as out:
    out.write("t_seconds,requests\n")
    for i, rate in enumerate(load):
        out.write(f"{i * 60},{max(0, int(random.gauss(rate, math.sqrt(rate))))}\n")
