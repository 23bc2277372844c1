"""Common given names and surnames; people are random combinations of them."""

FIRST_FEMALE = """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret
Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca
Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha
Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce
Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline
Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace
Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie
Kayla Alexis Lori Mildred Edna Gladys Agnes Ethel Imani Keisha Latoya Ebony Aaliyah Guadalupe Rosa
Carmen Lucia Ximena Valentina Mei Ling Hye-jin Priya Ananya Fatima Aisha Leila Yasmin Svetlana
Olga Ngozi Chiamaka Siobhan Aoife Renée Zoë Chloé Inés Thuy Lan Hoa Marisol Esperanza Dolores
""".split()

FIRST_MALE = """
James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason
Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel
Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas
Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin
Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan
Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip Louis Earl Clarence Herbert
Jamal DeShawn Tyrone Malik Darnell Luis Carlos Miguel Alejandro Santiago Javier Wei Jun Hiroshi
Min-jun Rajesh Arjun Vikram Mohammed Omar Ahmed Yusuf Dmitri Ivan Sergei Chinedu Oluwaseun Kwame
Liam Ciaran Declan José André François Jürgen Søren Nguyen Minh Tuan Hamid Dariusz Tomasz
""".split()

FIRST_ALL = FIRST_FEMALE + FIRST_MALE

LAST = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez
Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens
Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker
Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon
Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills
Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant
Dunn Kowalski Nowak Wisniewski Okafor Adeyemi Mensah Okonkwo Haddad Khalil Nasser Rahman Hussain
Khan Singh Sharma Gupta Reddy Iyer Chowdhury Wang Zhang Liu Huang Zhao Wu Yamamoto Tanaka Sato
Park Choi Jung Pham Hoang Vu Dang Ivanova Petrov Volkov Kuznetsov Novak Horvat Schneider Becker
Müller Andersen Larsen Johansson O'Brien O'Connor O'Neill McCarthy Fitzgerald Gallagher
Núñez Peña Muñoz Ibáñez Gómez Hernández Jiménez Rodríguez Martínez Sánchez Pérez Nguyễn Ðặng
DeLuca Esposito Romano Russo Bianchi Ricci Moretti Delgado Fuentes Espinoza Cabrera Villanueva
""".split()

# Short forms a chart lists as "goes by".
NICKNAMES = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Margaret": "Peggy",
             "Patricia": "Pat", "Richard": "Rick", "James": "Jim", "Katherine": "Kate",
             "Joseph": "Joe", "Thomas": "Tom", "Dorothy": "Dot", "Edward": "Ed"}

TITLES = {"F": ("Mrs.", "Ms.", "Miss", "Mrs", "Ms"), "M": ("Mr.", "Mr")}

RELATIONS = {"F": ("daughter", "wife", "mother", "sister", "granddaughter", "niece", "aunt"),
             "M": ("son", "husband", "father", "brother", "grandson", "nephew", "uncle")}

CREDENTIALS = ("RN", "MD", "DO", "NP", "PA-C", "LPN", "MA", "CMA", "LCSW", "PharmD", "RRT", "BSN, RN")
