from ninja import NinjaAPI

api = NinjaAPI(title="Eigen Kracht API", version="1")
