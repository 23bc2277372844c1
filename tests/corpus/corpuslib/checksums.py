"""Check-digit algorithms used to build valid (and deliberately invalid) identifiers."""

import string


def luhn_check_digit(payload: str) -> str:
    """Digit that makes payload + digit pass the Luhn (mod 10) check."""
    total = 0
    # Double every second digit counting from the right of the final number,
    # i.e. starting with the rightmost digit of the payload.
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return len(number) > 1 and number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def npi_check_digit(first9: str) -> str:
    """NPI check digit: Luhn over the card-issuer prefix 80840 plus the first nine digits."""
    return luhn_check_digit("80840" + first9)


def npi_valid(npi: str) -> bool:
    return len(npi) == 10 and npi.isdigit() and npi[0] in "12" and npi_check_digit(npi[:9]) == npi[9]


def dea_check_digit(six: str) -> str:
    """DEA registration check: (d1+d3+d5) + 2*(d2+d4+d6), last digit."""
    d = [int(c) for c in six]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


def dea_valid(dea: str) -> bool:
    return (len(dea) == 9 and dea[:2].isalpha() and dea[2:].isdigit()
            and dea_check_digit(dea[2:8]) == dea[8])


_VIN_VALUES = {**{str(d): d for d in range(10)},
               "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
               "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
               "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_ALPHABET = "".join(sorted(_VIN_VALUES))  # no I, O, Q


def vin_check_digit(vin17: str) -> str:
    """Position-9 check digit of a VIN (the value at position 9 is ignored)."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin17, _VIN_WEIGHTS))
    rem = total % 11
    return "X" if rem == 10 else str(rem)


def vin_valid(vin: str) -> bool:
    return len(vin) == 17 and all(c in _VIN_VALUES for c in vin) and vin_check_digit(vin) == vin[8]


def gs1_check_digit(payload: str) -> str:
    """GS1 (GTIN) mod-10 check: weights 3,1,3,... from the rightmost payload digit."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def gtin_valid(gtin: str) -> bool:
    return gtin.isdigit() and gs1_check_digit(gtin[:-1]) == gtin[-1]


def aba_valid(routing: str) -> bool:
    """ABA routing number: 3-7-1 weighted sum divisible by 10."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


# Medicare Beneficiary Identifier (CMS): position classes of the 11 characters.
MBI_ALPHA = "".join(c for c in string.ascii_uppercase if c not in "SLOIBZ")
MBI_NUMERIC = string.digits
MBI_CLASSES = ("C", "A", "AN", "N", "A", "AN", "N", "A", "A", "N", "N")


def mbi_class_chars(cls: str) -> str:
    return {"C": "123456789", "A": MBI_ALPHA, "N": MBI_NUMERIC, "AN": MBI_ALPHA + MBI_NUMERIC}[cls]


def mbi_valid(mbi: str) -> bool:
    raw = mbi.replace("-", "")
    return len(raw) == 11 and all(c in mbi_class_chars(cls) for c, cls in zip(raw, MBI_CLASSES))


def ssn_valid(area: int, group: int, serial: int) -> bool:
    """SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000."""
    return 0 < area < 900 and area != 666 and 0 < group <= 99 and 0 < serial <= 9999
