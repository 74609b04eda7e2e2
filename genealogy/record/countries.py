"""Country names for the command line: `--country France`, `Britain`, `UK` or `gb` all mean GB.

One entry a line: the code the record holds (record/schema.py COUNTRIES), then its names and the
aliases people use, separated by semicolons. Historical states (SU, YU, CS, DD, ...) have their
own codes, so "Soviet Union" is SU, not RU.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache

from genealogy.record.schema import COUNTRIES, COUNTRY_HINTS

_NAMES = """
AD Andorra
AE United Arab Emirates; UAE; Emirates
AF Afghanistan
AG Antigua and Barbuda; Antigua
AI Anguilla
AL Albania
AM Armenia
AO Angola
AQ Antarctica
AR Argentina; Argentine Republic
AS American Samoa
AT Austria; Österreich
AU Australia
AW Aruba
AX Åland Islands; Aland
AZ Azerbaijan
BA Bosnia and Herzegovina; Bosnia; Bosnia-Herzegovina
BB Barbados
BD Bangladesh; East Pakistan
BE Belgium; Belgique; België
BF Burkina Faso; Upper Volta
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin; Dahomey
BL Saint Barthélemy
BM Bermuda
BN Brunei; Brunei Darussalam
BO Bolivia
BQ Bonaire, Sint Eustatius and Saba; Caribbean Netherlands
BR Brazil; Brasil
BS Bahamas; The Bahamas
BT Bhutan
BV Bouvet Island
BW Botswana
BY Belarus; Byelorussia; Belorussia
BZ Belize; British Honduras
CA Canada
CC Cocos Islands; Cocos (Keeling) Islands
CD Democratic Republic of the Congo; DR Congo; DRC; Congo-Kinshasa
CF Central African Republic
CG Republic of the Congo; Congo; Congo-Brazzaville
CH Switzerland; Schweiz; Suisse
CI Côte d'Ivoire; Ivory Coast
CK Cook Islands
CL Chile
CM Cameroon
CN China; People's Republic of China; PRC
CO Colombia
CR Costa Rica
CU Cuba
CV Cape Verde; Cabo Verde
CW Curaçao
CX Christmas Island
CY Cyprus
CZ Czechia; Czech Republic
DE Germany; Deutschland; West Germany; FRG; BRD
DJ Djibouti
DK Denmark; Danmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain; España
ET Ethiopia
FI Finland; Suomi
FJ Fiji
FK Falkland Islands; Falklands; Malvinas
FM Micronesia
FO Faroe Islands; Faroes
FR France
GA Gabon
GB United Kingdom; UK; Britain; Great Britain; England; Scotland; Wales; Northern Ireland
GD Grenada
GE Georgia
GF French Guiana
GG Guernsey
GH Ghana; Gold Coast
GI Gibraltar
GL Greenland
GM Gambia; The Gambia
GN Guinea
GP Guadeloupe
GQ Equatorial Guinea
GR Greece; Hellas
GS South Georgia and the South Sandwich Islands
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana; British Guiana
HK Hong Kong
HM Heard Island and McDonald Islands
HN Honduras
HR Croatia; Hrvatska
HT Haiti
HU Hungary; Magyarország
ID Indonesia; Dutch East Indies
IE Ireland; Republic of Ireland; Éire; Eire
IL Israel
IM Isle of Man
IN India
IO British Indian Ocean Territory
IQ Iraq
IR Iran; Persia
IS Iceland
IT Italy; Italia
JE Jersey
JM Jamaica
JO Jordan
JP Japan; Nippon
KE Kenya
KG Kyrgyzstan; Kirghizia
KH Cambodia; Kampuchea
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis
KP North Korea; Democratic People's Republic of Korea; DPRK
KR South Korea; Korea; Republic of Korea
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka; Ceylon
LR Liberia
LS Lesotho; Basutoland
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya
MA Morocco
MC Monaco
MD Moldova
ME Montenegro
MF Saint Martin
MG Madagascar
MH Marshall Islands
MK North Macedonia; Macedonia
ML Mali
MM Myanmar
MN Mongolia
MO Macau; Macao
MP Northern Mariana Islands
MQ Martinique
MR Mauritania
MS Montserrat
MT Malta
MU Mauritius
MV Maldives
MW Malawi; Nyasaland
MX Mexico; México
MY Malaysia; Malaya
MZ Mozambique
NA Namibia; South West Africa
NC New Caledonia; Kanaky
NE Niger
NF Norfolk Island
NG Nigeria
NI Nicaragua
NL Netherlands; Holland; The Netherlands; Nederland
NO Norway; Norge
NP Nepal
NR Nauru
NU Niue
NZ New Zealand; Aotearoa
OM Oman
PA Panama
PE Peru; Perú
PF French Polynesia; Tahiti
PG Papua New Guinea
PH Philippines; The Philippines
PK Pakistan
PL Poland; Polska
PM Saint Pierre and Miquelon
PN Pitcairn Islands
PR Puerto Rico
PS Palestine; State of Palestine
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RE Réunion; Reunion
RO Romania; Rumania
RS Serbia
RU Russia; Russian Federation
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden; Sverige
SG Singapore
SH Saint Helena
SI Slovenia
SJ Svalbard and Jan Mayen
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname; Surinam; Dutch Guiana
SS South Sudan
ST São Tomé and Príncipe; Sao Tome and Principe
SV El Salvador; Salvador
SX Sint Maarten
SY Syria
SZ Eswatini; Swaziland
TC Turks and Caicos Islands
TD Chad
TF French Southern Territories
TG Togo
TH Thailand; Siam
TJ Tajikistan
TK Tokelau
TL Timor-Leste; East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Turkey; Türkiye; Turkiye
TT Trinidad and Tobago; Trinidad
TV Tuvalu
TW Taiwan; Republic of China; Formosa
TZ Tanzania; Tanganyika
UA Ukraine
UG Uganda
UM United States Minor Outlying Islands
US United States; USA; United States of America; America; U.S.; U.S.A.
UY Uruguay
UZ Uzbekistan
VA Vatican City; Holy See; Vatican
VC Saint Vincent and the Grenadines
VE Venezuela
VG British Virgin Islands
VI United States Virgin Islands; US Virgin Islands
VN Vietnam; Viet Nam; South Vietnam; Indochina
VU Vanuatu; New Hebrides
WF Wallis and Futuna
WS Samoa; Western Samoa
YE Yemen; North Yemen
YT Mayotte
ZA South Africa
ZM Zambia; Northern Rhodesia
ZW Zimbabwe; Rhodesia; Southern Rhodesia
SU Soviet Union; USSR; Union of Soviet Socialist Republics; Soviet Russia
YU Yugoslavia
CS Czechoslovakia
DD East Germany; German Democratic Republic; GDR; DDR
BU Burma
ZR Zaire
VD North Vietnam; Democratic Republic of Vietnam
YD South Yemen; People's Democratic Republic of Yemen
"""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "").split())


@cache
def _table() -> dict[str, str]:
    """Folded code, name or alias -> code."""
    table = {_fold(code): code for code in COUNTRIES}
    table.update({_fold(hint): code for hint, code in COUNTRY_HINTS.items()})
    for line in _NAMES.strip().splitlines():
        code, _, names = line.partition(" ")
        for name in names.split(";"):
            table.setdefault(_fold(name), code)
    return table


def country_name(code: str) -> str:
    """The usual English name of a code: 'GB' -> 'United Kingdom'; the code itself if it has none."""
    for line in _NAMES.strip().splitlines():
        if line.startswith(code + " "):
            return line[len(code) + 1 :].split(";")[0]
    return code


def country_code(text: str) -> str | None:
    """The code a name, alias or code (any case, with or without accents) means, or None.

    >>> [country_code(t) for t in ("France", "Britain", "UK", "gb", "Soviet Union", "Atlantis")]
    ['FR', 'GB', 'GB', 'GB', 'SU', None]
    """
    return _table().get(_fold(text))


def suggest_country(text: str) -> str | None:
    """The code of the closest name to a misspelt one ('Frence' -> 'FR'), or None."""
    table = _table()
    close = difflib.get_close_matches(_fold(text), list(table), n=1, cutoff=0.6)
    return table[close[0]] if close else None
