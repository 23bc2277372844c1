"""Cities, states and street parts for synthetic addresses."""

# (city, state, first three ZIP digits); real places, invented street numbers and ZIP tails.
CITIES = [
    ("Springfield", "IL", "627"), ("Oak Park", "IL", "603"), ("Evanston", "IL", "602"),
    ("Naperville", "IL", "605"), ("Joliet", "IL", "604"), ("Rockford", "IL", "611"),
    ("Madison", "WI", "537"), ("Milwaukee", "WI", "532"), ("Green Bay", "WI", "543"),
    ("Columbus", "OH", "432"), ("Dayton", "OH", "454"), ("Toledo", "OH", "436"),
    ("Ann Arbor", "MI", "481"), ("Lansing", "MI", "489"), ("Grand Rapids", "MI", "495"),
    ("Indianapolis", "IN", "462"), ("Bloomington", "IN", "474"), ("Louisville", "KY", "402"),
    ("Nashville", "TN", "372"), ("Knoxville", "TN", "379"), ("Atlanta", "GA", "303"),
    ("Savannah", "GA", "314"), ("Tampa", "FL", "336"), ("Orlando", "FL", "328"),
    ("Gainesville", "FL", "326"), ("Charlotte", "NC", "282"), ("Raleigh", "NC", "276"),
    ("Durham", "NC", "277"), ("Richmond", "VA", "232"), ("Norfolk", "VA", "235"),
    ("Baltimore", "MD", "212"), ("Silver Spring", "MD", "209"), ("Newark", "NJ", "071"),
    ("Trenton", "NJ", "086"), ("Albany", "NY", "122"), ("Buffalo", "NY", "142"),
    ("Yonkers", "NY", "107"), ("Hartford", "CT", "061"), ("Providence", "RI", "029"),
    ("Worcester", "MA", "016"), ("Lowell", "MA", "018"), ("Burlington", "VT", "054"),
    ("Portland", "ME", "041"), ("Manchester", "NH", "031"), ("Pittsburgh", "PA", "152"),
    ("Allentown", "PA", "181"), ("Erie", "PA", "165"), ("Houston", "TX", "770"),
    ("San Antonio", "TX", "782"), ("El Paso", "TX", "799"), ("Austin", "TX", "787"),
    ("Lubbock", "TX", "794"), ("Tulsa", "OK", "741"), ("Wichita", "KS", "672"),
    ("Omaha", "NE", "681"), ("Des Moines", "IA", "503"), ("Cedar Rapids", "IA", "524"),
    ("Minneapolis", "MN", "554"), ("Duluth", "MN", "558"), ("Fargo", "ND", "581"),
    ("Sioux Falls", "SD", "571"), ("Denver", "CO", "802"), ("Pueblo", "CO", "810"),
    ("Albuquerque", "NM", "871"), ("Tucson", "AZ", "857"), ("Mesa", "AZ", "852"),
    ("Reno", "NV", "895"), ("Boise", "ID", "837"), ("Spokane", "WA", "992"),
    ("Tacoma", "WA", "984"), ("Eugene", "OR", "974"), ("Salem", "OR", "973"),
    ("Fresno", "CA", "937"), ("Oakland", "CA", "946"), ("San Diego", "CA", "921"),
    ("Riverside", "CA", "925"), ("Sacramento", "CA", "958"), ("Anchorage", "AK", "995"),
    ("Honolulu", "HI", "968"), ("Little Rock", "AR", "722"), ("Jackson", "MS", "392"),
    ("Birmingham", "AL", "352"), ("Baton Rouge", "LA", "708"), ("St. Louis", "MO", "631"),
    ("Kansas City", "MO", "641"), ("Coeur d'Alene", "ID", "838"), ("Winston-Salem", "NC", "271"),
    ("Wilkes-Barre", "PA", "187"), ("San José", "CA", "951"), ("Española", "NM", "875"),
]

STATE_NAMES = {
    "IL": "Illinois", "WI": "Wisconsin", "OH": "Ohio", "MI": "Michigan", "IN": "Indiana",
    "KY": "Kentucky", "TN": "Tennessee", "GA": "Georgia", "FL": "Florida", "NC": "North Carolina",
    "VA": "Virginia", "MD": "Maryland", "NJ": "New Jersey", "NY": "New York", "CT": "Connecticut",
    "RI": "Rhode Island", "MA": "Massachusetts", "VT": "Vermont", "ME": "Maine",
    "NH": "New Hampshire", "PA": "Pennsylvania", "TX": "Texas", "OK": "Oklahoma", "KS": "Kansas",
    "NE": "Nebraska", "IA": "Iowa", "MN": "Minnesota", "ND": "North Dakota", "SD": "South Dakota",
    "CO": "Colorado", "NM": "New Mexico", "AZ": "Arizona", "NV": "Nevada", "ID": "Idaho",
    "WA": "Washington", "OR": "Oregon", "CA": "California", "AK": "Alaska", "HI": "Hawaii",
    "AR": "Arkansas", "MS": "Mississippi", "AL": "Alabama", "LA": "Louisiana", "MO": "Missouri",
}

STREET_NAMES = """
Maple Oak Cedar Elm Pine Walnut Chestnut Birch Willow Spruce Hickory Sycamore Magnolia Dogwood
Main Church Park Lake Hill River Spring Mill Center Union Market Washington Lincoln Jefferson
Madison Franklin Adams Jackson Monroe Highland Meadow Sunset Prospect Ridge Forest Grove Orchard
Harbor Bayview Lakeview Fairview Pleasant Liberty Cherry Poplar Locust Juniper Aspen Laurel
""".split() + ["Martin Luther King Jr.", "Cesar Chavez", "Old Mill", "Indian Creek",
               "Saint Charles", "Paseo del Norte", "County Road 12", "Route 9"]

STREET_SUFFIXES = ("St", "Street", "Ave", "Avenue", "Rd", "Road", "Dr", "Drive", "Ln", "Lane",
                   "Blvd", "Ct", "Court", "Pl", "Way", "Ter", "Cir", "Pkwy", "Hwy")
DIRECTIONS = ("N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South")
UNIT_WORDS = ("Apt", "Apt.", "Unit", "#", "Suite", "Ste", "Lot", "Rm")

